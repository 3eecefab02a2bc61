using System.Text;
using ActorBroker.Protocol.Serialization.Wire;

namespace ActorBroker.Protocol.Tests.Wire;

public class WireExceptionTypesTests
{
    private const int CauseField = 1;

    [Fact]
    public void An_exception_of_the_core_library_as_akka_names_it_is_accepted()
    {
        Assert.Null(WireExceptionTypes.Refusal(Message(ExceptionData("System.InvalidOperationException, mscorlib")), CauseField));
    }

    [Fact]
    public void An_inner_exception_that_is_no_exception_is_refused()
    {
        var inner = ExceptionData("System.Text.StringBuilder, mscorlib");
        var outer = ExceptionData("System.InvalidOperationException, mscorlib", inner);

        Assert.Contains("which is not one", WireExceptionTypes.Refusal(Message(outer), CauseField));
    }

    [Fact]
    public void A_type_forwarded_from_an_assembly_not_loaded_is_refused()
    {
        byte[] data = [.. ExceptionData("No.Such.Exception, NoSuchAssembly"), .. Field(7, "AnotherMissingAssembly")];

        Assert.Contains("has not loaded", WireExceptionTypes.Refusal(Message(data), CauseField));
    }

    [Fact]
    public void Inner_exceptions_nested_past_the_limit_are_refused()
    {
        var data = ExceptionData("System.InvalidOperationException, mscorlib");
        for (var i = 0; i < NestingGuardSerializer.MaxDepth + 2; i++) data = ExceptionData("System.InvalidOperationException, mscorlib", data);

        Assert.Contains("inner exceptions", WireExceptionTypes.Refusal(Message(data), CauseField));
    }

    [Fact]
    public void Truncated_bytes_are_refused_as_malformed()
    {
        var message = Message(ExceptionData("System.InvalidOperationException, mscorlib"));

        Assert.Contains("malformed", WireExceptionTypes.Refusal(message[..^3], CauseField));
    }

    private static byte[] Message(byte[] exceptionData) => Field(CauseField, exceptionData);

    private static byte[] ExceptionData(string typeName, byte[]? inner = null) =>
        [.. Field(1, typeName), .. inner is null ? [] : Field(5, inner)];

    private static byte[] Field(int number, string text) => Field(number, Encoding.UTF8.GetBytes(text));

    private static byte[] Field(int number, byte[] body)
    {
        var length = new List<byte>();
        var value = (uint)body.Length;
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            length.Add(value == 0 ? b : (byte)(b | 0x80));
        } while (value != 0);

        return [(byte)((number << 3) | 2), .. length, .. body];
    }
}
