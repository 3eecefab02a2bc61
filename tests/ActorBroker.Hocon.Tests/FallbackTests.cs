namespace ActorBroker.Hocon.Tests;

public class FallbackTests
{
    private static readonly string AppText = "a { x = app, nested { p = 1 } }\nonly-app = 1\nreplaced = { k = v }";
    private static readonly string ReferenceText = "a { x = ref, y = ref, nested { p = 0, q = 2 } }\nonly-ref = 2\nreplaced = 5";

    [Fact]
    public void This_wins_and_fallback_fills_gaps_recursively()
    {
        var merged = ConfigurationFactory.ParseString(AppText).WithFallback(ConfigurationFactory.ParseString(ReferenceText));
        Assert.Equal("app", merged.GetString("a.x"));
        Assert.Equal("ref", merged.GetString("a.y"));
        Assert.Equal(1, merged.GetInt("a.nested.p"));
        Assert.Equal(2, merged.GetInt("a.nested.q"));
        Assert.Equal(1, merged.GetInt("only-app"));
        Assert.Equal(2, merged.GetInt("only-ref"));
        Assert.Equal("v", merged.GetString("replaced.k"));
    }

    [Fact]
    public void Both_inputs_are_left_unchanged()
    {
        var app = ConfigurationFactory.ParseString(AppText);
        var reference = ConfigurationFactory.ParseString(ReferenceText);
        var appBefore = app.ToHocon();
        var referenceBefore = reference.ToHocon();

        var merged = app.WithFallback(reference);

        Assert.NotSame(app, merged);
        Assert.Equal(appBefore, app.ToHocon());
        Assert.Equal(referenceBefore, reference.ToHocon());
        Assert.False(app.HasPath("a.y"));
        Assert.False(reference.HasPath("only-app"));
    }

    [Fact]
    public void Fallback_chains_apply_in_order()
    {
        var merged = ConfigurationFactory.ParseString("a = 1")
            .WithFallback(ConfigurationFactory.ParseString("a = 2, b = 2"))
            .WithFallback(ConfigurationFactory.ParseString("a = 3, b = 3, c = 3"));
        Assert.Equal([1, 2, 3], new[] { "a", "b", "c" }.Select(p => merged.GetInt(p)));
    }

    [Fact]
    public void Empty_configs_are_neutral()
    {
        var config = ConfigurationFactory.ParseString("a = 1");
        Assert.Equal(1, Config.Empty.WithFallback(config).GetInt("a"));
        Assert.Equal(1, config.WithFallback(Config.Empty).GetInt("a"));
    }

    [Fact]
    public void Sub_config_fallback_keeps_error_paths_of_the_sub_tree()
    {
        var sub = ConfigurationFactory.ParseString("actorbroker.remote { port = x }").GetConfig("actorbroker.remote")
            .WithFallback(ConfigurationFactory.ParseString("host = h"));
        Assert.Equal("h", sub.GetString("host"));
        Assert.Equal("actorbroker.remote.port", Assert.Throws<ConfigException>(() => sub.GetInt("port")).Path);
    }
}
