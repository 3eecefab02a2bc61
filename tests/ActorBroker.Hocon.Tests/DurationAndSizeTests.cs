namespace ActorBroker.Hocon.Tests;

public class DurationAndSizeTests
{
    [Theory]
    [InlineData("200ms", 200 * TimeSpan.TicksPerMillisecond)]
    [InlineData("200", 200 * TimeSpan.TicksPerMillisecond)]
    [InlineData("5s", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("5 s", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("5 seconds", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("1 minute", TimeSpan.TicksPerMinute)]
    [InlineData("3m", 3 * TimeSpan.TicksPerMinute)]
    [InlineData("2h", 2 * TimeSpan.TicksPerHour)]
    [InlineData("1d", TimeSpan.TicksPerDay)]
    [InlineData("2 days", 2 * TimeSpan.TicksPerDay)]
    [InlineData("100us", 1000)]
    [InlineData("500ns", 5)]
    [InlineData("1.5s", 15 * TimeSpan.TicksPerSecond / 10)]
    [InlineData("\"10 millis\"", 10 * TimeSpan.TicksPerMillisecond)]
    public void Durations_parse_with_units(string text, long expectedTicks) =>
        Assert.Equal(TimeSpan.FromTicks(expectedTicks), ConfigurationFactory.ParseString($"d = {text}").GetTimeSpan("d"));

    [Fact]
    public void Infinite_duration_is_the_infinite_timeout() =>
        Assert.Equal(Timeout.InfiniteTimeSpan, ConfigurationFactory.ParseString("d = infinite").GetTimeSpan("d"));

    [Theory]
    [InlineData("5 parsecs")]
    [InlineData("fast")]
    [InlineData("99999999999999 days")]
    public void Invalid_durations_name_path_and_value(string text)
    {
        var config = ConfigurationFactory.ParseString($"a.timeout = {text}", "t.conf");
        var error = Assert.Throws<ConfigException>(() => config.GetTimeSpan("a.timeout"));
        Assert.Equal("a.timeout", error.Path);
        Assert.Contains($"'{text}', which is not a duration", error.Message);
    }

    [Theory]
    [InlineData("10", 10L)]
    [InlineData("10 bytes", 10L)]
    [InlineData("10B", 10L)]
    [InlineData("64KiB", 65_536L)]
    [InlineData("512k", 524_288L)]
    [InlineData("1kB", 1_000L)]
    [InlineData("1MB", 1_000_000L)]
    [InlineData("1MiB", 1_048_576L)]
    [InlineData("1M", 1_048_576L)]
    [InlineData("2 megabytes", 2_000_000L)]
    [InlineData("1GiB", 1_073_741_824L)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("1TiB", 1_099_511_627_776L)]
    [InlineData("1.5KiB", 1_536L)]
    public void Byte_sizes_parse_with_si_and_iec_units(string text, long expected) =>
        Assert.Equal(expected, ConfigurationFactory.ParseString($"s = {text}").GetByteSize("s"));

    [Theory]
    [InlineData("12 apples")]
    [InlineData("-1MB")]
    [InlineData("100EiB")]
    public void Invalid_byte_sizes_are_config_errors(string text)
    {
        var config = ConfigurationFactory.ParseString($"segment.size = {text}");
        var error = Assert.Throws<ConfigException>(() => config.GetByteSize("segment.size"));
        Assert.Contains("which is not a byte size", error.Message);
    }
}
