using System.Text;
using ActorBroker.Kafka.Apis;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Tests.Support;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol.Security;
using Akka.Event;
using Xunit.Abstractions;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Listener;

/// <summary>
/// A SASL listener (SCRAM-SHA-256 and PLAIN enabled) spoken to in raw frames: before a client has authenticated only
/// ApiVersions, SaslHandshake and SaslAuthenticate are served, a failure is answered and closes the connection, and
/// the principal reaches every request after.
/// </summary>
public class SaslListenerTests(ITestOutputHelper output) : ListenerTestKit(output)
{
    private const int MaxReceiveBytes = 4096;
    private static readonly TimeSpan FailedLoginDelay = TimeSpan.FromMilliseconds(300);
    private const short Produce = 0, SaslHandshake = 17, ApiVersions = 18, SaslAuthenticate = 36;

    private readonly InMemoryCredentialStore _store = new InMemoryCredentialStore().Add("alice", "wonderland");

    internal override KafkaApis CreateApis() =>
        new([Scripted], new SaslAuthenticator(["SCRAM-SHA-256", "PLAIN"], _store, MaxReceiveBytes, Logging.GetLogger(Sys, "ActorBroker.Kafka"), FailedLoginDelay));

    [Fact]
    public void A_plaintext_listener_does_not_advertise_the_sasl_apis_and_a_sasl_one_advertises_the_versions_it_serves()
    {
        Assert.DoesNotContain(new KafkaApis([Scripted]).Ranges, r => r.Key is ApiKey.SaslHandshake or ApiKey.SaslAuthenticate);

        Assert.Contains(new ApiVersionRange(ApiKey.SaslHandshake, 0, 1, short.MaxValue), Apis.Ranges);
        Assert.Contains(new ApiVersionRange(ApiKey.SaslAuthenticate, 0, 2, 2), Apis.Ranges);
    }

    [Fact]
    public async Task A_request_before_authentication_closes_the_connection_with_one_log_line_and_is_not_handled()
    {
        using var client = await ConnectAsync();
        await client.SendRequestAsync(ApiVersions, 0, 1, []);
        Assert.Equal(1, new KafkaReader(await client.ReceiveFrameAsync(), false).Int32());

        await EventFilter.Warning(contains: "Unexpected Kafka request of type Produce during SASL handshake").ExpectOneAsync(async () =>
        {
            await client.SendRequestAsync(Produce, 0, 2, BadInputTests.Id(7));
            Assert.True(await client.IsClosedByPeerAsync(), "the connection stayed open");
        });
        Assert.Empty(Scripted.Received);
    }

    [Fact]
    public async Task A_sasl_authenticate_before_the_handshake_closes_the_connection()
    {
        using var client = await ConnectAsync();

        await EventFilter.Warning(contains: "Unexpected Kafka request of type SaslAuthenticate during SASL handshake").ExpectOneAsync(async () =>
        {
            await client.SendRequestAsync(SaslAuthenticate, 0, 1, Blob(Plain("alice", "wonderland")));
            Assert.True(await client.IsClosedByPeerAsync(), "the connection stayed open");
        });
    }

    [Fact]
    public async Task After_a_v0_handshake_scram_tokens_travel_as_bare_frames_and_requests_follow_as_the_user()
    {
        using var client = await ConnectAsync();
        var scram = new ScramClient(ScramMechanism.ScramSha256, "alice", "wonderland");
        await client.SendRequestAsync(SaslHandshake, 0, 1, Str("SCRAM-SHA-256"));
        var handshake = new KafkaReader(await client.ReceiveFrameAsync(), false);
        Assert.Equal((1, KafkaErrorCodes.None), (handshake.Int32(), handshake.Int16()));

        await client.SendAsync(Bare(scram.First()));
        var serverFirst = await client.ReceiveFrameAsync();
        await client.SendAsync(Bare(scram.Final(serverFirst)));
        Assert.Equal(scram.ServerSignature, Encoding.UTF8.GetString(await client.ReceiveFrameAsync()));

        await client.SendRequestAsync(Produce, 0, 4, BadInputTests.Id(41));
        Scripted.Answer(41);
        var produced = new KafkaReader(await client.ReceiveFrameAsync(), false);
        Assert.Equal((4, 41), (produced.Int32(), produced.Int32()));
        Assert.Equal([KafkaPrincipal.User("alice")], Scripted.Principals);
    }

    [Fact]
    public async Task After_a_v0_handshake_a_plain_login_is_answered_with_an_empty_bare_frame_and_a_wrong_password_closes_without_an_answer()
    {
        using (var client = await ConnectAsync())
        {
            await client.SendAsync([.. RawKafkaClient.Request(SaslHandshake, 0, 1, Str("PLAIN")), .. Bare(Plain("alice", "wonderland"))]);
            Assert.Equal(1, new KafkaReader(await client.ReceiveFrameAsync(), false).Int32());
            Assert.Empty(await client.ReceiveFrameAsync());
        }

        using var intruder = await ConnectAsync();
        await intruder.SendRequestAsync(SaslHandshake, 0, 1, Str("PLAIN"));
        Assert.Equal(1, new KafkaReader(await intruder.ReceiveFrameAsync(), false).Int32());
        await EventFilter.Warning(contains: "failed to authenticate as 'alice' with PLAIN").ExpectOneAsync(async () =>
        {
            await intruder.SendAsync(Bare(Plain("alice", "looking-glass")));
            Assert.True(await intruder.IsClosedByPeerAsync(), "the connection stayed open");
        });
    }

    [Fact]
    public async Task A_mechanism_that_is_not_enabled_is_answered_with_the_enabled_ones_and_the_connection_closes()
    {
        using var client = await ConnectAsync();

        await EventFilter.Warning(contains: "asked for SASL mechanism 'SCRAM-SHA-512', which is not enabled").ExpectOneAsync(async () =>
        {
            await client.SendRequestAsync(SaslHandshake, 1, 3, Str("SCRAM-SHA-512"));
            var reader = new KafkaReader(await client.ReceiveFrameAsync(), false);
            Assert.Equal(3, reader.Int32());
            Assert.Equal(KafkaErrorCodes.UnsupportedSaslMechanism, reader.Int16());
            Assert.Equal(["SCRAM-SHA-256", "PLAIN"], reader.StringArray());
            Assert.True(await client.IsClosedByPeerAsync(), "the connection stayed open");
        });
    }

    [Fact]
    public async Task A_wrong_password_is_answered_sasl_authentication_failed_then_the_connection_closes_and_the_next_client_is_served()
    {
        using (var bad = await ConnectAsync())
        {
            await Handshake(bad, "PLAIN");
            await EventFilter.Warning(contains: "failed to authenticate as 'alice' with PLAIN").ExpectOneAsync(async () =>
            {
                var sent = System.Diagnostics.Stopwatch.StartNew();
                await bad.SendRequestAsync(SaslAuthenticate, 1, 5, Blob(Plain("alice", "looking-glass")));
                var reader = new KafkaReader(await bad.ReceiveFrameAsync(), false);
                // The failure's answer waits connection-failed-authentication-delay (a lower bound: it cannot come sooner).
                Assert.True(sent.Elapsed >= FailedLoginDelay * 0.9, $"the failed login was answered after {sent.Elapsed.TotalMilliseconds:0} ms");
                Assert.Equal(5, reader.Int32());
                Assert.Equal(KafkaErrorCodes.SaslAuthenticationFailed, reader.Int16());
                Assert.Equal("Authentication failed: Invalid username or password", reader.NullableString());
                Assert.Equal(0, reader.Bytes().Length);
                Assert.Equal(0L, reader.Int64());
                Assert.True(await bad.IsClosedByPeerAsync(), "the connection stayed open");
            });
        }

        using var good = await ConnectAsync();
        await Handshake(good, "PLAIN");
        await good.SendRequestAsync(SaslAuthenticate, 0, 6, Blob(Plain("alice", "wonderland")));
        var ok = new KafkaReader(await good.ReceiveFrameAsync(), false);
        Assert.Equal((6, KafkaErrorCodes.None), (ok.Int32(), ok.Int16()));
    }

    [Fact]
    public async Task A_client_retrying_a_wrong_password_in_a_loop_gets_one_warning_line_and_a_count()
    {
        await EventFilter.Warning(contains: "failed to authenticate as 'mallory'").ExpectOneAsync(async () =>
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                using var client = await ConnectAsync();
                await Handshake(client, "PLAIN");
                await client.SendRequestAsync(SaslAuthenticate, 1, 5, Blob(Plain("mallory", $"guess-{attempt}")));
                Assert.Equal(KafkaErrorCodes.SaslAuthenticationFailed, ErrorCodeOf(await client.ReceiveFrameAsync()));
            }
        });
    }

    [Fact]
    public async Task Requests_pipelined_behind_a_plain_login_are_served_as_the_authenticated_user()
    {
        using var client = await ConnectAsync();
        await client.SendAsync([
            .. RawKafkaClient.Request(SaslHandshake, 1, 1, Str("PLAIN")),
            .. RawKafkaClient.Request(SaslAuthenticate, 2, 2, [.. CBlob(Plain("alice", "wonderland")), .. NoTags], headerV2: true),
            .. RawKafkaClient.Request(Produce, 0, 3, BadInputTests.Id(30)),
        ]);
        Scripted.Answer(30);

        var handshake = new KafkaReader(await client.ReceiveFrameAsync(), false);
        Assert.Equal((1, KafkaErrorCodes.None), (handshake.Int32(), handshake.Int16()));
        var authenticate = new KafkaReader(await client.ReceiveFrameAsync(), true);
        Assert.Equal(2, authenticate.Int32());
        authenticate.TaggedFields(); // response header v1
        Assert.Equal(KafkaErrorCodes.None, authenticate.Int16());
        Assert.Null(authenticate.NullableString());
        Assert.Equal(0, authenticate.Bytes().Length);
        Assert.Equal(0L, authenticate.Int64()); // no re-authentication
        var produced = new KafkaReader(await client.ReceiveFrameAsync(), false);
        Assert.Equal((3, 30), (produced.Int32(), produced.Int32()));
        Assert.Equal([KafkaPrincipal.User("alice")], Scripted.Principals);
    }

    [Fact]
    public async Task A_scram_sha_256_login_proves_the_server_and_is_followed_by_requests_as_that_user()
    {
        using var client = await ConnectAsync();
        var scram = new ScramClient(ScramMechanism.ScramSha256, "alice", "wonderland");
        await Handshake(client, "SCRAM-SHA-256");

        var serverFirst = await Authenticate(client, scram.First(), correlationId: 2);
        var serverFinal = await Authenticate(client, scram.Final(serverFirst), correlationId: 3);
        Assert.Equal(scram.ServerSignature, Encoding.UTF8.GetString(serverFinal));

        await client.SendRequestAsync(Produce, 0, 4, BadInputTests.Id(40));
        Scripted.Answer(40);
        var produced = new KafkaReader(await client.ReceiveFrameAsync(), false);
        Assert.Equal((4, 40), (produced.Int32(), produced.Int32()));
        Assert.Equal([KafkaPrincipal.User("alice")], Scripted.Principals);
    }

    [Fact]
    public async Task A_handshake_after_authentication_is_answered_illegal_sasl_state_and_the_connection_stays_open()
    {
        using var client = await ConnectAsync();
        await Handshake(client, "PLAIN");
        await Authenticate(client, Plain("alice", "wonderland"), correlationId: 2);

        await client.SendRequestAsync(SaslHandshake, 1, 3, Str("PLAIN"));
        var reader = new KafkaReader(await client.ReceiveFrameAsync(), false);
        Assert.Equal((3, KafkaErrorCodes.IllegalSaslState), (reader.Int32(), reader.Int16()));

        await client.SendRequestAsync(ApiVersions, 0, 4, []);
        Assert.Equal(4, new KafkaReader(await client.ReceiveFrameAsync(), false).Int32());
    }

    [Fact]
    public async Task A_request_larger_than_sasl_max_receive_size_before_authentication_closes_the_connection()
    {
        using var client = await ConnectAsync();

        await EventFilter.Warning(contains: "sasl-max-receive-size").ExpectOneAsync(async () =>
        {
            await client.SendAsync(RawKafkaClient.Request(SaslHandshake, 1, 1, Str(new string('x', MaxReceiveBytes))));
            Assert.True(await client.IsClosedByPeerAsync(), "the connection stayed open");
        });
    }

    /// <summary>The error code of a response whose body starts with it, after the correlation id.</summary>
    private static short ErrorCodeOf(byte[] frame)
    {
        var reader = new KafkaReader(frame, false);
        reader.Int32();
        return reader.Int16();
    }

    private static byte[] Plain(string user, string password) => Encoding.UTF8.GetBytes($"\0{user}\0{password}");

    /// <summary>A token as a v0 client sends it: a size prefix and the bytes, no Kafka header.</summary>
    private static byte[] Bare(byte[] token) => [.. I32(token.Length), .. token];

    private static async Task Handshake(RawKafkaClient client, string mechanism)
    {
        await client.SendRequestAsync(SaslHandshake, 1, 1, Str(mechanism));
        var reader = new KafkaReader(await client.ReceiveFrameAsync(), false);
        Assert.Equal((1, KafkaErrorCodes.None), (reader.Int32(), reader.Int16()));
    }

    /// <summary>SaslAuthenticate v1 with <paramref name="token"/>; the server's token, after checking the answer is not an error.</summary>
    private static async Task<byte[]> Authenticate(RawKafkaClient client, byte[] token, int correlationId)
    {
        await client.SendRequestAsync(SaslAuthenticate, 1, correlationId, Blob(token));
        var reader = new KafkaReader(await client.ReceiveFrameAsync(), false);
        Assert.Equal(correlationId, reader.Int32());
        var error = reader.Int16();
        var message = reader.NullableString();
        Assert.True(error == KafkaErrorCodes.None, $"SaslAuthenticate answered {error}: {message}");
        var answer = reader.Bytes().ToArray();
        Assert.Equal(0L, reader.Int64());
        return answer;
    }
}
