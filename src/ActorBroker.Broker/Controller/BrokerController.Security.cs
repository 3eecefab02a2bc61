using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;
using Akka.Event;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Users' SCRAM credentials and ACLs: validated, persisted, published in the next image and answered once that image
/// is stored on a majority, like every other decision the nodes act on.
/// </summary>
internal sealed partial class BrokerController
{
    private void OnAlterUserCredential(AlterUserCredentialRequest request)
    {
        var replyTo = Sender;
        if (SecurityRequestRules.CheckAlterUser(request, _state) is { } rejection)
        {
            RefuseSecurity(replyTo, $"change the credential of user '{request.User}'", request.CorrelationId, rejection);
            return;
        }

        IControllerEvent change = request.Credential is { } credential
            ? new UserCredentialSet(request.User, credential)
            : new UserCredentialRemoved(request.User, request.Mechanism);
        Persist(change, e =>
        {
            _state.Apply(e);
            // Never the salt or keys: the log says who changed, not what.
            _log.Info("{Change} the {Mechanism} credential of user {User}", e is UserCredentialSet ? "Set" : "Removed", request.Mechanism.SaslName(), request.User);
            Publish($"credential of user {request.User} changed");
            AnswerOnceCommitted(replyTo, new SecurityAdminResponse(ErrorCode.None, null, 1, request.CorrelationId));
        });
    }

    private void OnCreateAcls(CreateAclsRequest request) =>
        ChangeAcls(request.Acls, request.CorrelationId, adding: true);

    private void OnDeleteAcls(DeleteAclsRequest request) =>
        ChangeAcls(request.Acls, request.CorrelationId, adding: false);

    private void ChangeAcls(IReadOnlyList<AclBinding> acls, long correlationId, bool adding)
    {
        var replyTo = Sender;
        if (SecurityRequestRules.CheckAcls(acls) is { } rejection)
        {
            RefuseSecurity(replyTo, adding ? "add ACLs" : "remove ACLs", correlationId, rejection);
            return;
        }

        List<AclBinding> changing = [.. acls.Distinct().Where(a => _state.Acls.Contains(a) != adding)];
        if (changing.Count == 0)
        {
            // Nothing to persist; still answered only once the image that holds the current ACLs is committed.
            AnswerOnceCommitted(replyTo, new SecurityAdminResponse(ErrorCode.None, null, 0, correlationId));
            return;
        }

        IControllerEvent change = adding ? new AclsAdded(changing) : new AclsRemoved(changing);
        Persist(change, e =>
        {
            _state.Apply(e);
            _log.Info("{Change} {Count} ACLs: {Acls}", adding ? "Added" : "Removed", changing.Count, string.Join("; ", changing));
            Publish(adding ? "ACLs added" : "ACLs removed");
            AnswerOnceCommitted(replyTo, new SecurityAdminResponse(ErrorCode.None, null, changing.Count, correlationId));
        });
    }

    private void RefuseSecurity(IActorRef replyTo, string action, long correlationId, Rejection rejection)
    {
        _log.Info("Refused to {Action}: {Error}: {Message}", action, rejection.Error, rejection.Message);
        replyTo.Tell(new SecurityAdminResponse(rejection.Error, rejection.Message, 0, correlationId), Self);
    }
}
