using System.Buffers;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using ActorBroker.Protocol.Serialization;
using BenchmarkDotNet.Attributes;

namespace ActorBroker.Benchmarks.Codecs;

/// <summary>The hot path's wire format: a produce request with one record batch, encoded and decoded by <see cref="ProtocolCodec"/>.</summary>
[MemoryDiagnoser]
public class ProduceCodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private ProduceRequest _request = null!;
    private byte[] _encoded = null!;

    [Params(100, 16 * 1024)]
    public int BatchBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var builder = new RecordBatchBuilder();
        var value = new byte[100];
        for (var i = 0; builder.SizeInBytes + value.Length < BatchBytes || i == 0; i++) builder.TryAppend(i, null, value);
        _request = new ProduceRequest(new TopicPartition("orders", 3), Acks.All, 30_000, builder.Build(), 1);
        ProtocolCodec.TryWrite(_request, _output);
        _encoded = _output.WrittenSpan.ToArray();
    }

    [Benchmark]
    public int Encode()
    {
        _output.ResetWrittenCount();
        ProtocolCodec.TryWrite(_request, _output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public object Decode() => ProtocolCodec.Read(_encoded, "PQ");
}
