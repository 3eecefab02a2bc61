namespace ActorBroker.Hocon.Tests;

public class TypedGetterTests
{
    private static readonly Config Seed = ConfigurationFactory.ParseString("""
        actorbroker.remote {
          host = localhost
          port = abc
          enabled = yes
          big = 3000000000
          ratio = 0.75
          nested { a = 1 }
          list = [a, b]
          objects = [{ a = 1 }, 2]
        }
        """, "seed.conf");

    [Fact]
    public void Wrong_type_error_names_path_value_and_origin()
    {
        var error = Assert.Throws<ConfigException>(() => Seed.GetInt("actorbroker.remote.port"));
        Assert.Equal("actorbroker.remote.port", error.Path);
        Assert.Equal("Config value at 'actorbroker.remote.port' (from seed.conf:3) is 'abc', which is not an integer", error.Message);
    }

    [Fact]
    public void Missing_path_error_names_the_full_path()
    {
        var error = Assert.Throws<ConfigException>(() => Seed.GetConfig("actorbroker.remote").GetString("nope.deeper"));
        Assert.Equal("actorbroker.remote.nope.deeper", error.Path);
        Assert.Contains("'actorbroker.remote.nope.deeper'", error.Message);
    }

    [Fact]
    public void Defaults_apply_only_when_the_path_is_missing()
    {
        Assert.Equal(7, Seed.GetInt("actorbroker.remote.missing", 7));
        Assert.Equal("d", Seed.GetString("x.y", "d"));
        Assert.True(Seed.GetBoolean("x", true));
        Assert.Equal(5L, Seed.GetLong("x", 5L));
        Assert.Equal(1.5, Seed.GetDouble("x", 1.5));
        Assert.Equal(TimeSpan.FromSeconds(3), Seed.GetTimeSpan("x", TimeSpan.FromSeconds(3)));
        Assert.Equal(99L, Seed.GetByteSize("x", 99L));
        Assert.Throws<ConfigException>(() => Seed.GetInt("actorbroker.remote.port", 7));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("on", true)]
    [InlineData("off", false)]
    [InlineData("yes", true)]
    [InlineData("no", false)]
    public void Booleans_accept_true_false_on_off_yes_no(string text, bool expected) =>
        Assert.Equal(expected, ConfigurationFactory.ParseString($"b = {text}").GetBoolean("b"));

    [Fact]
    public void Boolean_error_explains_accepted_spellings()
    {
        var error = Assert.Throws<ConfigException>(() => Seed.GetBoolean("actorbroker.remote.host"));
        Assert.Contains("is 'localhost', which is not a boolean", error.Message);
    }

    [Fact]
    public void Int_out_of_range_is_an_error_but_long_reads_it()
    {
        Assert.Equal(3_000_000_000L, Seed.GetLong("actorbroker.remote.big"));
        var error = Assert.Throws<ConfigException>(() => Seed.GetInt("actorbroker.remote.big"));
        Assert.Contains("'3000000000'", error.Message);
    }

    [Fact]
    public void Objects_and_lists_are_not_strings()
    {
        var error = Assert.Throws<ConfigException>(() => Seed.GetString("actorbroker.remote.nested"));
        Assert.Contains("is an object, which is not a string", error.Message);
        Assert.Throws<ConfigException>(() => Seed.GetDouble("actorbroker.remote.list"));
        Assert.Equal(0.75, Seed.GetDouble("actorbroker.remote.ratio"));
    }

    [Fact]
    public void Lists_are_empty_when_missing_and_errors_when_not_lists()
    {
        Assert.Empty(Seed.GetStringList("nope"));
        Assert.Empty(Seed.GetConfigList("nope"));
        Assert.Equal(["a", "b"], Seed.GetStringList("actorbroker.remote.list"));
        var error = Assert.Throws<ConfigException>(() => Seed.GetStringList("actorbroker.remote.host"));
        Assert.Contains("not a list", error.Message);
        var element = Assert.Throws<ConfigException>(() => Seed.GetConfigList("actorbroker.remote.objects"));
        Assert.Equal("actorbroker.remote.objects[1]", element.Path);
    }

    [Fact]
    public void GetConfig_returns_empty_for_missing_and_throws_for_non_objects()
    {
        Assert.True(Seed.GetConfig("does.not.exist").IsEmpty);
        Assert.Throws<ConfigException>(() => Seed.GetConfig("actorbroker.remote.host"));
        Assert.Equal(["a"], Seed.GetConfig("actorbroker.remote.nested").Keys);
    }

    [Fact]
    public void HasPath_is_false_for_missing_null_and_malformed_paths()
    {
        var config = ConfigurationFactory.ParseString("a { b = 1, n = null }");
        Assert.True(config.HasPath("a.b"));
        Assert.True(config.HasPath("a"));
        Assert.False(config.HasPath("a.n"));
        Assert.False(config.HasPath("a.b.c"));
        Assert.False(config.HasPath("a..b"));
        Assert.Throws<ConfigException>(() => config.GetInt("a..b"));
    }

    [Fact]
    public void Numeric_strings_read_as_numbers()
    {
        var config = ConfigurationFactory.ParseString("a = \"12\"\nb = 12");
        Assert.Equal(12, config.GetInt("a"));
        Assert.Equal("12", config.GetString("b"));
    }

    [Fact]
    public void Value_from_environment_names_the_variable_as_origin()
    {
        var name = "ACTORBROKER_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "notanumber");
        try
        {
            var config = ConfigurationFactory.ParseString($"port = ${{{name}}}");
            var error = Assert.Throws<ConfigException>(() => config.GetInt("port"));
            Assert.Contains($"(from environment variable {name})", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
