namespace ActorBroker.Hocon.Tests;

public class SubstitutionTests
{
    private static Config Parse(string hocon) => ConfigurationFactory.ParseString(hocon, "subst.conf");

    [Fact]
    public void Substitutions_resolve_against_the_whole_document_including_forward_references()
    {
        var config = Parse("a = ${b.c}\nb { c = 42 }\nd = ${b}");
        Assert.Equal(42, config.GetInt("a"));
        Assert.Equal(42, config.GetInt("d.c"));
    }

    [Fact]
    public void String_and_substitution_concatenate()
    {
        var config = Parse("base = /var/lib/broker\ndir = ${base}/journal\nlabel = node ${id}\nid = 7");
        Assert.Equal("/var/lib/broker/journal", config.GetString("dir"));
        Assert.Equal("node 7", config.GetString("label"));
    }

    [Fact]
    public void Substituted_number_keeps_its_type_when_alone()
    {
        var config = Parse("a = 10\nb = ${a}");
        Assert.Equal(10, config.GetInt("b"));
    }

    [Fact]
    public void Undefined_optional_substitution_leaves_the_field_unset()
    {
        var config = Parse("a = ${?does.not.exist}\nb = 1");
        Assert.False(config.HasPath("a"));
        Assert.Equal(["b"], config.Keys);
    }

    [Fact]
    public void Undefined_optional_substitution_keeps_the_earlier_value()
    {
        var config = Parse("port = 2552\nport = ${?ACTORBROKER_TEST_SURELY_UNSET_0f3c}");
        Assert.Equal(2552, config.GetInt("port"));
    }

    [Fact]
    public void Substitution_falls_back_to_an_environment_variable()
    {
        var name = "ACTORBROKER_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "9093");
        try
        {
            var config = Parse($"port = 2552\nport = ${{?{name}}}\nrequired = ${{{name}}}");
            Assert.Equal(9093, config.GetInt("port"));
            Assert.Equal("9093", config.GetString("required"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Document_value_takes_precedence_over_an_environment_variable()
    {
        var name = "ACTORBROKER_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            Assert.Equal("from-doc", Parse($"{name} = from-doc\nv = ${{{name}}}").GetString("v"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Unresolved_required_substitution_names_source_line_column_and_path()
    {
        var error = Assert.Throws<HoconParseException>(() => Parse("a = 1\nb = x ${missing.path}"));
        Assert.Equal("subst.conf", error.Source);
        Assert.Equal(2, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Contains("missing.path", error.Message);
        Assert.StartsWith("subst.conf:2:7:", error.Message);
    }

    [Fact]
    public void Substitution_cycles_are_reported_not_overflowed()
    {
        var error = Assert.Throws<HoconParseException>(() => Parse("a = ${b}\nb = ${c}\nc = ${a}"));
        Assert.Contains("cycle", error.Message);
        Assert.Throws<HoconParseException>(() => Parse("a { b = ${a} }"));
    }

    [Fact]
    public void Self_referential_append_extends_the_earlier_value()
    {
        var config = Parse("path = [a]\npath = ${path} [b]\npath = ${?path} [c]\nname = x\nname = ${name}y");
        Assert.Equal(["a", "b", "c"], config.GetStringList("path"));
        Assert.Equal("xy", config.GetString("name"));
    }

    [Fact]
    public void Substituted_objects_merge_with_earlier_and_later_fields()
    {
        var config = Parse("""
            defaults { retries = 3, timeout = 5s }
            client = ${defaults}
            client { timeout = 10s }
            """);
        Assert.Equal(3, config.GetInt("client.retries"));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("client.timeout"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("defaults.timeout"));
    }

    [Fact]
    public void Substitutions_inside_arrays_resolve()
    {
        var config = Parse("host = h1\nseeds = [\"${host}\", ${host}\":9092\"]");
        Assert.Equal(["${host}", "h1:9092"], config.GetStringList("seeds"));
    }

    [Fact]
    public void Self_reference_without_an_earlier_value_is_an_error_unless_optional()
    {
        Assert.Throws<HoconParseException>(() => Parse("a = ${a}"));
        var config = Parse("a = ${?a}\nb = ${?b} [1]");
        Assert.False(config.HasPath("a"));
        Assert.Equal(["1"], config.GetStringList("b"));
    }

    [Fact]
    public void Undefined_optional_substitutions_vanish_from_arrays_and_concatenations()
    {
        var config = Parse("list = [a, ${?NOT_SET_ANYWHERE_8d1}, b]\ntext = x${?NOT_SET_ANYWHERE_8d1}y");
        Assert.Equal(["a", "b"], config.GetStringList("list"));
        Assert.Equal("xy", config.GetString("text"));
    }

    [Fact]
    public void Substitution_of_a_nested_value_inside_its_own_object_works()
    {
        var config = Parse("a { b = ${a.c}, c = 1, d = ${a.b} }");
        Assert.Equal(1, config.GetInt("a.b"));
        Assert.Equal(1, config.GetInt("a.d"));
    }
}
