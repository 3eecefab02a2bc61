namespace ActorBroker.Hocon.Tests;

public class IncludeTests
{
    [Fact]
    public void Included_file_merges_at_the_point_of_inclusion()
    {
        using var dir = new TempDirectory();
        dir.Write("base.conf", "a = from-base\nb = from-base\nnested { x = 1 }");
        var main = dir.Write("app.conf", "a = before\ninclude \"base.conf\"\nb = after\nnested { y = 2 }");

        var config = ConfigurationFactory.ParseFile(main);

        Assert.Equal("from-base", config.GetString("a"));
        Assert.Equal("after", config.GetString("b"));
        Assert.Equal(1, config.GetInt("nested.x"));
        Assert.Equal(2, config.GetInt("nested.y"));
    }

    [Fact]
    public void Includes_resolve_relative_to_the_including_file()
    {
        using var dir = new TempDirectory();
        dir.Write("conf/sub/leaf.conf", "leaf = true");
        dir.Write("conf/mid.conf", "include file(\"sub/leaf.conf\")\nmid = true");
        var main = dir.Write("conf/app.conf", "broker { include \"mid.conf\" }");

        var config = ConfigurationFactory.ParseFile(main);

        Assert.True(config.GetBoolean("broker.leaf"));
        Assert.True(config.GetBoolean("broker.mid"));
    }

    [Fact]
    public void Substitutions_in_included_files_resolve_against_the_whole_document()
    {
        using var dir = new TempDirectory();
        dir.Write("paths.conf", "journal = ${root}/journal");
        var main = dir.Write("app.conf", "root = /data\ninclude \"paths.conf\"");

        Assert.Equal("/data/journal", ConfigurationFactory.ParseFile(main).GetString("journal"));
    }

    [Fact]
    public void Missing_include_names_the_file_and_the_include_location()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("app.conf", "a = 1\n  include \"nope.conf\"");

        var error = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseFile(main));

        Assert.Equal(main, error.Source);
        Assert.Equal(2, error.Line);
        Assert.Equal(11, error.Column);
        Assert.Contains("nope.conf", error.Reason);
    }

    [Fact]
    public void Parse_errors_inside_included_files_name_the_included_file()
    {
        using var dir = new TempDirectory();
        dir.Write("bad.conf", "x = 1\ny = }");
        var main = dir.Write("app.conf", "include \"bad.conf\"");

        var error = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseFile(main));

        Assert.EndsWith("bad.conf", error.Source);
        Assert.Equal((2, 5), (error.Line, error.Column));
    }

    [Fact]
    public void Include_cycles_are_errors()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "include \"b.conf\"");
        dir.Write("b.conf", "include \"a.conf\"");

        var error = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseFile(Path.Combine(dir.Path, "a.conf")));
        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void ParseString_includes_resolve_relative_to_the_current_directory()
    {
        using var dir = new TempDirectory();
        dir.Write("cwd.conf", "from-cwd = 1");
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(dir.Path);
        try
        {
            Assert.Equal(1, ConfigurationFactory.ParseString("include \"cwd.conf\"").GetInt("from-cwd"));
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public void ParseFile_of_a_missing_file_throws_file_not_found() =>
        Assert.Throws<FileNotFoundException>(() => ConfigurationFactory.ParseFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".conf")));

    [Fact]
    public void Include_is_an_ordinary_key_when_not_followed_by_a_file_name()
    {
        var config = ConfigurationFactory.ParseString("include = 5\n\"include\" { x = 1 }");
        Assert.Equal(1, config.GetInt("include.x"));
    }
}
