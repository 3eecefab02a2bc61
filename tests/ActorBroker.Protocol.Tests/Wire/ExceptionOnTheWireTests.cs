using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBroker.Protocol.Tests.Wire;

/// <summary>
/// Akka.Remote rebuilds the exception in a <c>Status.Failure</c> by loading the type the frame names and running its
/// serialization constructor before it checks that the result is an exception (seen on 1.5.75 with the guard's
/// check switched off: the private constructor of a type that is no exception ran). The guard reads the names first.
/// </summary>
public class ExceptionOnTheWireTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(WireTestConfigs.Remote.WithFallback(ProtocolAkkaSerialization.Config), "exception-on-the-wire", output)
{
    private const int MiscSerializerId = 16;
    private const string StatusFailureManifest = "STF";

    [Fact]
    public void A_status_failure_naming_a_type_that_is_no_exception_is_refused_before_its_constructor_runs()
    {
        var before = Canary.Constructed;

        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(
            StatusFailureNaming($"{typeof(Canary).FullName}, {typeof(Canary).Assembly.GetName().Name}"), MiscSerializerId, StatusFailureManifest));

        Assert.Contains("which is not one", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Canary.Constructed);
    }

    [Fact]
    public void A_status_failure_naming_an_exception_in_an_assembly_not_loaded_is_refused_without_loading_it()
    {
        var error = Assert.Throws<SerializationException>(() => Sys.Serialization.Deserialize(
            StatusFailureNaming("System.IO.InternalBufferOverflowException, System.IO.FileSystem.Watcher"), MiscSerializerId, StatusFailureManifest));

        Assert.Contains("has not loaded", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "System.IO.FileSystem.Watcher");
    }

    [Fact]
    public void A_status_failure_with_a_real_exception_and_its_inner_one_round_trips()
    {
        var failure = new Status.Failure(new InvalidOperationException("outer", new ArgumentException("inner")));
        var serializer = Sys.Serialization.FindSerializerFor(failure);

        var copy = Assert.IsType<Status.Failure>(Sys.Serialization.Deserialize(serializer.ToBinary(failure), MiscSerializerId, StatusFailureManifest));

        var cause = Assert.IsType<InvalidOperationException>(copy.Cause);
        Assert.IsType<ArgumentException>(cause.InnerException);
    }

    /// <summary>
    /// StatusFailure { cause = ExceptionData { typeName, innerException = {} }, state = {} }, as a peer may write it:
    /// without the guard's check, Akka 1.5.75 runs the named type's constructor on these bytes, even a private one.
    /// </summary>
    private static byte[] StatusFailureNaming(string typeName)
    {
        byte[] exceptionData = [.. LengthPrefixed(0x0A, Encoding.UTF8.GetBytes(typeName)), 0x2A, 0x00];
        return [.. LengthPrefixed(0x0A, exceptionData), 0x12, 0x00];
    }

    private static byte[] LengthPrefixed(byte tag, byte[] body)
    {
        Assert.InRange(body.Length, 0, 127);
        return [tag, (byte)body.Length, .. body];
    }

    /// <summary>Not an exception: only a serialization constructor, which counts its calls.</summary>
    private sealed class Canary
    {
        public static int Constructed;

        private Canary(SerializationInfo info, StreamingContext context) => Interlocked.Increment(ref Constructed);
    }
}
