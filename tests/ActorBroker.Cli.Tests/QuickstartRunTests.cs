using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ActorBroker.Cli.Tests;

/// <summary>The whole quickstart, shortened: three nodes in this process, a leader killed and restarted under acks=all load.</summary>
[Collection(ClusterNodesCollection.Name)]
public sealed class QuickstartRunTests(ITestOutputHelper output)
{
    [Fact]
    public void Quickstart_elects_a_new_leader_gives_the_restarted_node_its_partition_back_and_loses_no_acknowledged_record()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(["quickstart", "--records", "4500", "--rate", "1500"], stdout, stderr);
        var text = stdout.ToString();
        output.WriteLine(text);
        output.WriteLine(stderr.ToString());

        Assert.Equal(0, code);
        Assert.Contains("killing node-", text, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"election: partition \d+ leader node-\d -> node-\d, leader epoch \d+ -> \d+"), text);
        Assert.Contains("is in sync again", text, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"node-\d leads partition \d+ again"), text);
        Assert.Matches(new Regex(@"lost\s+0 "), text);
        Assert.Contains("removed the data directory", text, StringComparison.Ordinal);
    }
}
