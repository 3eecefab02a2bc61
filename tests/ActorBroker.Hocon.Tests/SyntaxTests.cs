namespace ActorBroker.Hocon.Tests;

public class SyntaxTests
{
    private static Config Parse(string hocon) => ConfigurationFactory.ParseString(hocon, "test.conf");

    [Fact]
    public void Root_object_may_have_braces_or_not()
    {
        Assert.Equal(1, Parse("{ a = 1 }").GetInt("a"));
        Assert.Equal(1, Parse("a = 1").GetInt("a"));
    }

    [Fact]
    public void Equals_colon_and_no_separator_before_brace_are_all_accepted()
    {
        var config = Parse("""
            a = 1
            b : 2
            c { d = 3 }
            e = { f = 4 }
            g : { h = 5 }
            """);
        Assert.Equal([1, 2, 3, 4, 5], new[] { "a", "b", "c.d", "e.f", "g.h" }.Select(p => config.GetInt(p)));
    }

    [Fact]
    public void Commas_are_optional_and_trailing_commas_are_allowed()
    {
        var config = Parse("a = 1, b = 2,\nc = 3\nd = [1, 2,\n 3,\n]\ne { x = 1, }");
        Assert.Equal(3, config.GetInt("c"));
        Assert.Equal(["1", "2", "3"], config.GetStringList("d"));
        Assert.Equal(1, config.GetInt("e.x"));
    }

    [Fact]
    public void Hash_and_double_slash_comments_are_ignored()
    {
        var config = Parse("""
            # heading
            a = 1 # trailing
            // another
            b = 2 // trailing too
            url = "http://example.com" // quoted slashes are not a comment
            """);
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal("http://example.com", config.GetString("url"));
    }

    [Fact]
    public void Quoted_strings_support_json_escapes()
    {
        var config = Parse("""a = "tab\there \"q\" back\\slash \u0041 nl\n" """);
        Assert.Equal("tab\there \"q\" back\\slash A nl\n", config.GetString("a"));
    }

    [Fact]
    public void Triple_quoted_strings_span_lines_and_keep_backslashes()
    {
        var config = Parse("a = \"\"\"line one\n  line \\n two \"quoted\"\"\"\"");
        Assert.Equal("line one\n  line \\n two \"quoted\"", config.GetString("a"));
    }

    [Fact]
    public void Simple_values_on_one_line_concatenate_into_a_string()
    {
        var config = Parse("a = foo bar 1\nb = \"x\"y  z");
        Assert.Equal("foo bar 1", config.GetString("a"));
        Assert.Equal("xy  z", config.GetString("b"));
    }

    [Fact]
    public void Numbers_booleans_and_null_are_recognised()
    {
        var config = Parse("i = 42\nneg = -7\nbig = 9000000000\nd = 2.5\ne = 1e3\nt = true\nf = false\nn = null");
        Assert.Equal(42, config.GetInt("i"));
        Assert.Equal(-7, config.GetInt("neg"));
        Assert.Equal(9_000_000_000L, config.GetLong("big"));
        Assert.Equal(2.5, config.GetDouble("d"));
        Assert.Equal(1000.0, config.GetDouble("e"));
        Assert.True(config.GetBoolean("t"));
        Assert.False(config.GetBoolean("f"));
        Assert.False(config.HasPath("n"));
    }

    [Fact]
    public void Dotted_keys_create_nested_objects()
    {
        var config = Parse("actorbroker.actor.default-dispatcher.throughput = 5");
        Assert.Equal(["actorbroker"], config.Keys);
        Assert.Equal(5, config.GetConfig("actorbroker.actor").GetInt("default-dispatcher.throughput"));
    }

    [Fact]
    public void Quoted_keys_keep_dots_inside_one_key()
    {
        var config = Parse("\"a.b\" = 1\nx.\"y.z\".w = 2");
        Assert.Equal(["a.b", "x"], config.Keys);
        Assert.Equal(1, config.GetInt("\"a.b\""));
        Assert.Equal(2, config.GetInt("x.\"y.z\".w"));
        Assert.False(config.HasPath("a.b"));
    }

    [Fact]
    public void Duplicate_object_keys_merge_recursively_and_later_values_win()
    {
        var config = Parse("""
            a { x = 1, y = 2, inner { p = 1 } }
            a { y = 3, z = 4, inner { q = 2 } }
            a.inner.p = 10
            s = first
            s = second
            """);
        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(3, config.GetInt("a.y"));
        Assert.Equal(4, config.GetInt("a.z"));
        Assert.Equal(10, config.GetInt("a.inner.p"));
        Assert.Equal(2, config.GetInt("a.inner.q"));
        Assert.Equal("second", config.GetString("s"));
    }

    [Fact]
    public void Non_object_value_replaces_an_object_and_vice_versa()
    {
        var config = Parse("a { x = 1 }\na = 5\nb = 5\nb { y = 2 }");
        Assert.Equal(5, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b.y"));
    }

    [Fact]
    public void Arrays_of_objects_are_read_as_config_lists()
    {
        var config = Parse("""
            brokers = [
              { id = 1, host = a }
              { id = 2, host = b }
            ]
            """);
        var brokers = config.GetConfigList("brokers");
        Assert.Equal([1, 2], brokers.Select(b => b.GetInt("id")));
        Assert.Equal("b", brokers[1].GetString("host"));
    }

    [Fact]
    public void Plus_equals_appends_to_an_array_or_starts_one()
    {
        var config = Parse("a = [1, 2, 3]\na += 4\nb += x\nb += y");
        Assert.Equal(["1", "2", "3", "4"], config.GetStringList("a"));
        Assert.Equal(["x", "y"], config.GetStringList("b"));
    }

    [Fact]
    public void Empty_document_is_an_empty_config()
    {
        Assert.True(Parse("  \n # only a comment\n").IsEmpty);
        Assert.True(ConfigurationFactory.Empty.IsEmpty);
        Assert.Empty(Config.Empty.Keys);
    }

    [Fact]
    public void Arrays_and_objects_concatenate_with_their_own_kind()
    {
        var config = Parse("a = [1, 2] [3]\nb = { x = 1, y = 1 } { y = 2 }");
        Assert.Equal(["1", "2", "3"], config.GetStringList("a"));
        Assert.Equal(1, config.GetInt("b.x"));
        Assert.Equal(2, config.GetInt("b.y"));
    }

    [Fact]
    public void Windows_line_endings_and_tabs_are_whitespace()
    {
        var config = Parse("a {\r\n\tb = 1\r\n\tc = two words\r\n}\r\n");
        Assert.Equal(1, config.GetInt("a.b"));
        Assert.Equal("two words", config.GetString("a.c"));
    }

    [Fact]
    public void Keys_keep_document_order()
    {
        var config = Parse("z = 1\na = 2\nm = 3\na = 4");
        Assert.Equal(["z", "a", "m"], config.Keys);
    }
}
