namespace ActorBroker.Cli.Tests;

public sealed class QuickstartCommandTests
{
    [Theory]
    [InlineData("--records", "x")]
    [InlineData("--records", "1")]
    [InlineData("--partitions", "0")]
    [InlineData("--min-insync-replicas", "4")]
    [InlineData("--rate", "-5")]
    [InlineData("--nodes", "5")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, Program.Run(["quickstart", option, value], new StringWriter(), stderr));
        Assert.Contains(option, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_directory_with_files_in_it_is_refused()
    {
        var directory = Directory.CreateTempSubdirectory("actorbroker-quickstart-test-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "old.db"), "");
            var stderr = new StringWriter();
            Assert.Equal(2, Program.Run(["quickstart", "--data-dir", directory], new StringWriter(), stderr));
            Assert.Contains("is not empty", stderr.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
