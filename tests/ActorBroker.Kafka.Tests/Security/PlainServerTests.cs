using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Security.Sasl;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Tests.Security;

public class PlainServerTests
{
    private readonly InMemoryCredentialStore _store = new InMemoryCredentialStore()
        .Add("alice", "wonderland", ScramMechanism.ScramSha256)
        .Add("bob", "builder", ScramMechanism.ScramSha512);

    [Theory]
    [InlineData("\0alice\0wonderland", "alice")]
    [InlineData("alice\0alice\0wonderland", "alice")]
    [InlineData("\0bob\0builder", "bob")]
    public void The_right_password_authenticates_against_the_users_scram_credential(string message, string user)
    {
        var success = Assert.IsType<SaslStep.Success>(new PlainServer(_store).Evaluate(Bytes(message)));

        Assert.Equal(user, success.User);
        Assert.Empty(success.Token);
    }

    [Theory]
    [InlineData("\0alice\0looking-glass", "wrong password")]
    [InlineData("\0mallory\0guess", "no such user")]
    [InlineData("bob\0alice\0wonderland", "authorization id 'bob' differs from the user")]
    [InlineData("\0alice", "without two NUL separators")]
    [InlineData("\0\0wonderland", "without a user name")]
    [InlineData("\0alice\0", "without a password")]
    [InlineData("\0alice\0wonder\0land", "more than two NUL separators")]
    public void Anything_else_fails_with_the_same_message_for_the_client(string message, string reason)
    {
        var failure = Assert.IsType<SaslStep.Failure>(new PlainServer(_store).Evaluate(Bytes(message)));

        Assert.Contains(reason, failure.Reason, StringComparison.Ordinal);
        Assert.Equal("Authentication failed: Invalid username or password", failure.ClientMessage);
    }

    [Fact]
    public void A_message_that_is_not_utf8_fails()
    {
        var failure = Assert.IsType<SaslStep.Failure>(new PlainServer(_store).Evaluate([0, 0xC3, 0x28, 0, 0x41]));

        Assert.Contains("not UTF-8", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_message_after_the_exchange_fails()
    {
        var server = new PlainServer(_store);
        Assert.IsType<SaslStep.Success>(server.Evaluate(Bytes("\0alice\0wonderland")));

        Assert.IsType<SaslStep.Failure>(server.Evaluate(Bytes("\0alice\0wonderland")));
    }

    private static byte[] Bytes(string message) => System.Text.Encoding.UTF8.GetBytes(message);
}
