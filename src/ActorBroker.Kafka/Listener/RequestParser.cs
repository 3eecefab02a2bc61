using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using ActorBroker.Kafka.Apis;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Listener;

/// <summary>
/// Cuts size-prefixed frames out of a connection's receive buffer and turns each into a started request: the header
/// and body are parsed synchronously (the buffer is reused afterwards), then the handler's work begins. On a SASL
/// listener the connection's <see cref="SaslSession"/> answers the requests until the client has authenticated.
/// </summary>
internal sealed class RequestParser(KafkaApis apis, TimeSpan requestTimeout, EndPoint? remote)
{
    private int _maxRequestBytes = int.MaxValue;
    private string _maxRequestBytesKey = "";

    // Null on a listener without SASL, and once the client has authenticated: from then on a request costs nothing more.
    private SaslSession? _sasl = apis.Sasl?.NewSession(remote);
    private KafkaPrincipal _principal = KafkaPrincipal.Anonymous;
    private readonly string _host = HostOf(remote);

    /// <summary>The header of the request being parsed, for the log line when it is rejected.</summary>
    public (short ApiKey, short ApiVersion)? Current { get; private set; }

    /// <summary>The largest size prefix accepted from now on, and the setting that says so (for the rejection's message).</summary>
    public void Limit(int maxRequestBytes, string key)
    {
        _maxRequestBytes = maxRequestBytes;
        _maxRequestBytesKey = key;
    }

    /// <summary>
    /// Takes the next whole frame (without its size prefix) from <paramref name="buffer"/>; false when it has not
    /// arrived yet. The size is checked as soon as its four bytes are there, so a forged size fails at once.
    /// </summary>
    /// <exception cref="ConnectionRejectedException">The size is negative or above the limit (socket-request-max-bytes, or first-request-max-bytes).</exception>
    public bool TryTakeFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        Current = null;
        if (buffer.Length < 4) return false;
        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var size = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (size < 0 || size > _maxRequestBytes)
            throw new ConnectionRejectedException($"request size {size} is outside 0..{_maxRequestBytes} ({KafkaSettings.Section}.{_maxRequestBytesKey})");
        if (_sasl is not null && size > _sasl.MaxReceiveBytes)
            throw new ConnectionRejectedException($"request size {size} before authentication is above {_sasl.MaxReceiveBytes} ({KafkaSettings.Section}.sasl-max-receive-size)");
        if (buffer.Length < 4L + size) return false;
        frame = buffer.Slice(4, size);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    /// <summary>Parses <paramref name="frame"/> and starts its handling.</summary>
    /// <exception cref="KafkaProtocolException">The request is malformed.</exception>
    /// <exception cref="ConnectionRejectedException">Its API key is unknown or its version not served (but ApiVersions).</exception>
    public PendingResponse Start(ReadOnlySequence<byte> frame)
    {
        Current = null;
        if (frame.IsSingleSegment) return Start(frame.FirstSpan);
        // A frame split across receive segments is copied once into one pooled array.
        var length = (int)frame.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            frame.CopyTo(rented);
            return Start(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private PendingResponse Start(ReadOnlySpan<byte> frame)
    {
        if (_sasl is { ExpectsRawTokens: true }) return RawToken(_sasl, frame);
        if (frame.Length < 4) throw new KafkaProtocolException($"a request of {frame.Length} bytes has no API key and version");
        var apiKey = BinaryPrimitives.ReadInt16BigEndian(frame);
        var apiVersion = BinaryPrimitives.ReadInt16BigEndian(frame[2..]);
        Current = (apiKey, apiVersion);
        if (!apis.TryGet(apiKey, out var handler)) throw new ConnectionRejectedException($"unknown API key {apiKey}");
        _sasl?.Admit(apiKey);

        var headerReader = new KafkaReader(frame, flexible: false);
        var header = RequestHeader.Read(ref headerReader, apis.IsFlexibleRequest);
        if (!handler.Range.Serves(apiVersion))
        {
            // Kafka answers an ApiVersions it cannot parse in v0, with the ranges, so the client can pick a version; others are closed.
            if (handler == apis.ApiVersions)
                return new PendingResponse(handler, header, 0, null, Task.FromResult<IKafkaResponse?>(apis.ApiVersions.UnsupportedVersion()));
            throw new ConnectionRejectedException($"version {apiVersion} of {handler.Range.Key} is not served ({handler.Range.Min}..{handler.Range.Max})");
        }

        var body = new KafkaReader(frame[headerReader.Position..], handler.Range.IsFlexible(apiVersion));
        var request = handler.Read(ref body, apiVersion);
        if (_sasl is not null && handler != apis.ApiVersions) return Authenticating(_sasl, handler, header, request);
        return new PendingResponse(handler, header, apiVersion, request, Handle(handler, request, new RequestContext(header, remote, requestTimeout) { Principal = _principal, Host = _host }));
    }

    private static string HostOf(EndPoint? remote) => remote is IPEndPoint ip
        ? (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString()
        : "";

    /// <summary>A SASL step, done before the next frame is parsed; once it succeeds the session is dropped and its principal kept.</summary>
    private PendingResponse Authenticating(SaslSession sasl, KafkaApiHandler handler, RequestHeader header, object request)
    {
        var (response, closes) = sasl.Respond(request, header.ApiVersion);
        Authenticated(sasl);
        return new PendingResponse(handler, header, header.ApiVersion, request, Answer(response, closes), closes);
    }

    /// <summary>A frame that is a bare SASL token, after a SaslHandshake v0; its answer goes out as a bare frame too.</summary>
    private PendingResponse RawToken(SaslSession sasl, ReadOnlySpan<byte> token)
    {
        var (response, closes) = sasl.RespondRaw(token);
        Authenticated(sasl);
        apis.TryGet((short)ApiKey.SaslHandshake, out var handler);
        return new PendingResponse(handler, default, 0, null, Answer(response, closes), closes);
    }

    /// <summary>A SASL answer; the one that ends a failed login goes out after the authenticator's delay.</summary>
    private Task<IKafkaResponse?> Answer(IKafkaResponse? response, bool closes) =>
        closes && apis.Sasl!.FailedAuthenticationDelay > TimeSpan.Zero
            ? DelayedAsync(response, apis.Sasl.FailedAuthenticationDelay)
            : Task.FromResult(response);

    private static async Task<IKafkaResponse?> DelayedAsync(IKafkaResponse? response, TimeSpan delay)
    {
        await Task.Delay(delay).ConfigureAwait(false);
        return response;
    }

    /// <summary>
    /// The principal of the client certificate presented on an SSL listener. On SASL_SSL the SASL login decides, as in
    /// Kafka; the certificate only had to be valid.
    /// </summary>
    public void PresentedCertificate(KafkaPrincipal principal)
    {
        if (_sasl is null) _principal = principal;
    }

    private void Authenticated(SaslSession sasl)
    {
        if (sasl.Principal is not { } principal) return;
        _principal = principal;
        _sasl = null;
    }

    /// <summary>A handler that throws before its first await fails its task rather than the read loop.</summary>
    private static Task<IKafkaResponse?> Handle(KafkaApiHandler handler, object request, RequestContext context)
    {
        try
        {
            return handler.HandleAsync(request, context);
        }
        catch (Exception e)
        {
            return Task.FromException<IKafkaResponse?>(e);
        }
    }
}
