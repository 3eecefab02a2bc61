namespace ActorBroker.Hocon.Tests;

public class ParseErrorTests
{
    private static HoconParseException Fail(string hocon) =>
        Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseString(hocon, "reference.conf"));

    [Fact]
    public void Parse_error_names_file_line_and_column()
    {
        var error = Fail("a {\n  b = 1\n  foo }\n}");
        Assert.Equal("reference.conf", error.Source);
        Assert.Equal(3, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Equal("reference.conf:3:7: expected '=' or ':' after key 'foo' but found '}'", error.Message);
    }

    [Theory]
    [InlineData("a = \"unterminated", 1, 5, "unterminated quoted string")]
    [InlineData("a = 1\nb = \"broken\nc = 2", 2, 5, "unterminated quoted string")]
    [InlineData("a = \"\"\"never closed", 1, 5, "unterminated triple-quoted string")]
    [InlineData("a = \"bad \\q escape\"", 1, 10, "invalid escape sequence '\\q'")]
    [InlineData("a = \"\\u12\"", 1, 6, "invalid unicode escape")]
    [InlineData("a {\n  b = 1\n", 3, 1, "expected '}' to close the object opened at line 1, column 3")]
    [InlineData("a = [1, 2\n", 2, 1, "expected ']' to close the array opened at line 1, column 5")]
    [InlineData("a = 1\n}", 2, 1, "unexpected '}'")]
    [InlineData("a = [1, 2}", 1, 10, "expected ',' or ']' in the array but found '}'")]
    [InlineData("a =\nb = 2", 1, 4, "expected a value for key 'a' but found newline")]
    [InlineData("a = ", 1, 5, "expected a value for key 'a' but found end of input")]
    [InlineData("a = 1 = 2", 1, 7, "expected ',' or a newline after the value of 'a' but found '='")]
    [InlineData("a = 1,, b = 2", 1, 7, "unexpected ','")]
    [InlineData("  = 1", 1, 3, "expected a key but found '='")]
    [InlineData("a..b = 1", 1, 1, "empty path segment")]
    [InlineData("a = ${b", 1, 5, "unterminated substitution")]
    [InlineData("a = 5 ^ 2", 1, 7, "unexpected character '^'")]
    [InlineData("{ a = 1 } b = 2", 1, 11, "after the end of the root object")]
    [InlineData("a = [1, ,2]", 1, 9, "unexpected ','")]
    [InlineData("a = foo\nb = {x: 1} bar", 2, 5, "cannot concatenate an object with 'bar'")]
    [InlineData("a = 1\na += 2", 2, 1, "cannot concatenate an array with '1'")]
    public void Malformed_input_reports_exact_line_and_column(string hocon, int line, int column, string reason)
    {
        var error = Fail(hocon);
        Assert.Contains(reason, error.Reason);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"reference.conf:{line}:{column}: ", error.Message);
    }

    [Fact]
    public void Default_source_name_is_used_when_none_is_given()
    {
        var error = Assert.Throws<HoconParseException>(() => ConfigurationFactory.ParseString("a = }"));
        Assert.StartsWith("<string>:1:5:", error.Message);
    }

    [Fact]
    public void Deep_nesting_is_rejected_instead_of_overflowing_the_stack()
    {
        var deep = string.Concat(Enumerable.Repeat("a {", 10_000));
        Assert.Contains("deeper than 256", Fail(deep).Reason);
        Assert.Contains("deeper than 256", Fail("a = " + new string('[', 10_000)).Reason);
        var dotted = string.Join('.', Enumerable.Repeat("k", 10_000)) + " = 1";
        Assert.Contains("deeper than 256", Fail(dotted).Reason);
    }

    [Fact]
    public void Nesting_within_the_limit_is_fine()
    {
        var depth = 200;
        var hocon = string.Concat(Enumerable.Repeat("a {", depth)) + "v = 1" + new string('}', depth);
        var path = string.Join('.', Enumerable.Repeat("a", depth)) + ".v";
        Assert.Equal(1, ConfigurationFactory.ParseString(hocon).GetInt(path));
    }
}
