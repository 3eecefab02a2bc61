namespace ActorBroker.Hocon.Tests;

public class RobustnessTests
{
    private const string Corpus = """"
        actorbroker {
          actor.default-dispatcher { throughput = 5, executor = "fork-join" }
          remote { host = "0.0.0.0", port = 2552, port = ${?BROKER_PORT} }
          journal { dir = ${actorbroker.data}/journal, segment = 64MiB, flush = 200ms }
          data = /var/lib/actorbroker
          seeds = ["a:1", "b:2"]
          seeds += "c:3"
          topics = [{ name = t, partitions = 3 }, { name = u }]
          text = """multi
        line"""
          // comment
          "quoted.key" : yes # another
        }
        """";

    private const string Alphabet = "{}[]=:,+\"$?.#/\\ \n\tab1-_";

    [Fact]
    public void Random_and_truncated_documents_only_ever_throw_parse_exceptions()
    {
        var random = new Random(20240611);
        for (var i = 0; i < 2000; i++)
        {
            var document = (i % 3) switch
            {
                0 => Corpus[..random.Next(Corpus.Length + 1)],
                1 => Mutate(Corpus, random),
                _ => RandomText(random),
            };
            try
            {
                ConfigurationFactory.ParseString(document, "fuzz.conf").ToHocon();
            }
            catch (HoconParseException error)
            {
                Assert.Equal("fuzz.conf", error.Source);
                Assert.True(error.Line >= 1 && error.Column >= 1, $"bad location in: {error.Message}");
            }
        }
    }

    [Fact]
    public void Concurrent_reads_of_one_config_see_the_same_values()
    {
        var config = ConfigurationFactory.ParseString("a { b = 1, c = [x, y], d = 5s }");
        Parallel.For(0, 1000, _ =>
        {
            Assert.Equal(1, config.GetInt("a.b"));
            Assert.Equal(["x", "y"], config.GetStringList("a.c"));
            Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("a.d"));
        });
    }

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToCharArray();
        for (var edits = random.Next(1, 6); edits > 0; edits--)
            chars[random.Next(chars.Length)] = Alphabet[random.Next(Alphabet.Length)];
        return new string(chars);
    }

    private static string RandomText(Random random) =>
        new([.. Enumerable.Range(0, random.Next(0, 80)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]);
}
