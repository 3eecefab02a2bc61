using System.Text;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Security.Sasl;
using ActorBroker.Kafka.Tests.Support;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Tests.Security;

public class ScramServerTests
{
    // RFC 7677 §3: user "user", password "pencil".
    private const string Rfc7677ServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static readonly byte[] Rfc7677Salt = Convert.FromBase64String("W22ZaJ0SNY7soEsUEjb6gQ==");

    private readonly InMemoryCredentialStore _store = new InMemoryCredentialStore()
        .Add("user", ScramCredential.Create(ScramMechanism.ScramSha256, "pencil", 4096, Rfc7677Salt))
        .Add("alice", "wonderland");

    [Fact]
    public void The_rfc_7677_exchange_gives_the_rfc_server_first_and_server_final_messages()
    {
        var server = new ScramServer(ScramMechanism.ScramSha256, _store, () => Rfc7677ServerNonce);

        var serverFirst = Challenge(server.Evaluate("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"u8));
        Assert.Equal("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096", serverFirst);

        var final = server.Evaluate("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="u8);
        var success = Assert.IsType<SaslStep.Success>(final);
        Assert.Equal("user", success.User);
        Assert.Equal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", Encoding.UTF8.GetString(success.Token));
    }

    [Theory]
    [InlineData(ScramMechanism.ScramSha256)]
    [InlineData(ScramMechanism.ScramSha512)]
    public void A_client_with_the_right_password_authenticates_and_can_check_the_servers_signature(ScramMechanism mechanism)
    {
        var server = new ScramServer(mechanism, _store);
        var client = new ScramClient(mechanism, "alice", "wonderland");

        var final = server.Evaluate(client.Final(Encoding.UTF8.GetBytes(Challenge(server.Evaluate(client.First())))));

        var success = Assert.IsType<SaslStep.Success>(final);
        Assert.Equal(("alice", client.ServerSignature), (success.User, Encoding.UTF8.GetString(success.Token)));
    }

    [Fact]
    public void The_nonce_of_librdkafka_before_2_6_1_with_the_client_nonce_sent_twice_is_accepted_but_no_other_prefix()
    {
        var server = new ScramServer(ScramMechanism.ScramSha256, _store);
        var client = new ScramClient(ScramMechanism.ScramSha256, "alice", "wonderland", doubledNonce: true);
        Assert.IsType<SaslStep.Success>(server.Evaluate(client.Final(Encoding.UTF8.GetBytes(Challenge(server.Evaluate(client.First()))))));

        var strict = new ScramServer(ScramMechanism.ScramSha256, _store, () => "fixed");
        Challenge(strict.Evaluate("n,,n=user,r=abc"u8));
        var failure = Assert.IsType<SaslStep.Failure>(strict.Evaluate("c=biws,r=xyzabcfixed,p=AAAA"u8));
        Assert.Equal("the nonce is not the one the server sent", failure.Reason);
    }

    [Fact]
    public void A_wrong_password_fails_at_the_proof()
    {
        var server = new ScramServer(ScramMechanism.ScramSha256, _store);
        var client = new ScramClient(ScramMechanism.ScramSha256, "alice", "looking-glass");

        var failure = Assert.IsType<SaslStep.Failure>(server.Evaluate(client.Final(Encoding.UTF8.GetBytes(Challenge(server.Evaluate(client.First()))))));

        Assert.Equal(("alice", "wrong password"), (failure.User, failure.Reason));
        Assert.Equal("Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256", failure.ClientMessage);
    }

    [Fact]
    public void An_unknown_user_gets_a_server_first_like_a_real_one_with_the_same_salt_each_time_and_then_the_same_failure_as_a_wrong_password()
    {
        string Salt(string serverFirst) => serverFirst.Split(',')[1];
        var first = Challenge(new ScramServer(ScramMechanism.ScramSha256, _store).Evaluate("n,,n=mallory,r=abc"u8));
        var again = Challenge(new ScramServer(ScramMechanism.ScramSha256, _store).Evaluate("n,,n=mallory,r=abc"u8));
        var real = Challenge(new ScramServer(ScramMechanism.ScramSha256, _store).Evaluate("n,,n=alice,r=abc"u8));
        Assert.Equal(Salt(first), Salt(again));
        Assert.Equal(Convert.FromBase64String(Salt(real)[2..]).Length, Convert.FromBase64String(Salt(first)[2..]).Length);
        Assert.EndsWith(",i=4096", first);

        var server = new ScramServer(ScramMechanism.ScramSha256, _store);
        var client = new ScramClient(ScramMechanism.ScramSha256, "mallory", "guess");
        var failure = Assert.IsType<SaslStep.Failure>(server.Evaluate(client.Final(Encoding.UTF8.GetBytes(Challenge(server.Evaluate(client.First()))))));

        Assert.Equal(("mallory", "no such user"), (failure.User, failure.Reason));
        Assert.Equal(new ScramServer(ScramMechanism.ScramSha256, _store).Evaluate("x"u8) is SaslStep.Failure f ? f.ClientMessage : null, failure.ClientMessage);
    }

    [Fact]
    public void A_user_with_only_a_sha_512_credential_cannot_log_in_with_sha_256()
    {
        _store.Add("bob", "builder", ScramMechanism.ScramSha512);
        var server = new ScramServer(ScramMechanism.ScramSha256, _store);
        var client = new ScramClient(ScramMechanism.ScramSha256, "bob", "builder");

        Assert.IsType<SaslStep.Failure>(server.Evaluate(client.Final(Encoding.UTF8.GetBytes(Challenge(server.Evaluate(client.First()))))));
    }

    [Theory]
    [InlineData("c=biws,r=rOprNGfwEbeRWgbNEkqOSERVER,p=AAAA", "the nonce is not the one the server sent")]
    [InlineData("c=eSws,r=rOprNGfwEbeRWgbNEkqOfixed,p=AAAA", "the channel binding does not match the gs2 header")]
    [InlineData("c=biws,r=rOprNGfwEbeRWgbNEkqOfixed,p=AAAA", "the proof has the wrong length")]
    [InlineData("c=biws,r=rOprNGfwEbeRWgbNEkqOfixed,p=not base64!", "client-final-message: the proof is not base64")]
    [InlineData("c=biws,p=AAAA", "client-final-message: the message is not c=...,r=...,p=...")]
    public void A_client_final_message_that_does_not_fit_the_exchange_fails(string clientFinal, string reason)
    {
        var server = new ScramServer(ScramMechanism.ScramSha256, _store, () => "fixed");
        Challenge(server.Evaluate("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"u8));

        var failure = Assert.IsType<SaslStep.Failure>(server.Evaluate(Encoding.UTF8.GetBytes(clientFinal)));

        Assert.Equal(reason, failure.Reason);
    }

    [Theory]
    [InlineData("p=tls-unique,,n=user,r=abc", "channel binding")]
    [InlineData("y,,n=user,r=abc", "channel binding")]
    [InlineData("n,a=admin,n=user,r=abc", "authorization id 'admin' differs from the user 'user'")]
    [InlineData("n,,m=ext,n=user,r=abc", "mandatory extension")]
    [InlineData("n,,n=us=2Xer,r=abc", "user name is malformed")]
    [InlineData("n,,n=user,r=a\u007fc", "nonce is malformed")]
    [InlineData("n,,r=abc,n=user", "lacks n=user,r=nonce")]
    [InlineData("n,,n=user,r=abc,tokenauth=true", "delegation tokens")]
    public void A_client_first_message_that_is_refused_ends_the_exchange(string clientFirst, string reason)
    {
        var server = new ScramServer(ScramMechanism.ScramSha256, _store);

        var failure = Assert.IsType<SaslStep.Failure>(server.Evaluate(Encoding.UTF8.GetBytes(clientFirst)));

        Assert.Contains(reason, failure.Reason, StringComparison.Ordinal);
        Assert.IsType<SaslStep.Failure>(server.Evaluate("c=biws,r=abc,p=AAAA"u8));
    }

    [Fact]
    public void An_authorization_id_equal_to_the_user_and_unknown_extensions_are_accepted()
    {
        var serverFirst = Challenge(new ScramServer(ScramMechanism.ScramSha256, _store, () => "S").Evaluate("n,a=user,n=user,r=abc,ext=1"u8));

        Assert.StartsWith("r=abcS,", serverFirst);
    }

    [Fact]
    public void Escaped_commas_and_equals_signs_in_the_user_name_are_unescaped()
    {
        Assert.True(ScramNames.TryUnescape("a=2Cb=3Dc", out var name));
        Assert.Equal("a,b=c", name);
        Assert.False(ScramNames.TryUnescape("a=", out _));
    }

    private static string Challenge(SaslStep step) => Encoding.UTF8.GetString(Assert.IsType<SaslStep.Challenge>(step).Token);
}
