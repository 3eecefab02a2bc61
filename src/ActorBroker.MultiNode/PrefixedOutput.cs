using Xunit.Abstractions;

namespace ActorBroker.MultiNode;

/// <summary>xunit output whose lines start with a node label, so the nodes' interleaved logs can be told apart.</summary>
internal sealed class PrefixedOutput(ITestOutputHelper inner, string prefix) : ITestOutputHelper
{
    public void WriteLine(string message) => inner.WriteLine(prefix + message);

    public void WriteLine(string format, params object[] args) => inner.WriteLine(prefix + format, args);
}
