using Microsoft.Extensions.Logging;

namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    private bool _terminating;
    private Exception? _pendingRecreateCause;

    public bool IsTerminated => Mailbox.IsClosed;

    /// <summary>Stop: children first (top-down), then PostStop, then watchers and parent are told.</summary>
    private void BeginTerminate()
    {
        if (_terminating) return;
        _terminating = true;
        StopTimers();
        var children = ChildRefs();
        if (children.Count == 0)
        {
            FinishTerminate();
            return;
        }

        foreach (var child in children) child.Stop();
    }

    private void FinishTerminate()
    {
        try
        {
            _actor?.AroundPostStop();
        }
        catch (Exception e)
        {
            Log.LogError(e, "PostStop of {Actor} threw", Self.Path);
        }
        finally
        {
            _stash?.DrainToDeadLetters();
            _actor = null;
            Mailbox.Close();
            NotifyWatchersAndParent();
            System.OnActorTerminated(this);
        }
    }

    private void BeginRecreate(Exception cause)
    {
        if (_terminating) return;
        StopTimers();
        if (_actor is null)
        {
            // Failed in its constructor: nothing to tear down.
            FinishRecreate(cause);
            return;
        }

        try
        {
            _actor.AroundPreRestart(cause, _current?.Message);
        }
        catch (Exception e)
        {
            Log.LogError(e, "PreRestart of {Actor} threw", Self.Path);
        }

        _current = null;
        if (HasChildren) _pendingRecreateCause = cause; // finish once the children PreRestart stopped are gone
        else FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        _pendingRecreateCause = null;
        _failedSuspended = false;
        AbandonAsyncHandler();
        try
        {
            _actor = NewActorInstance();
            _actor.AroundPostRestart(cause);
        }
        catch (Exception e)
        {
            _actor = null;
            _failedSuspended = true;
            ParentRef.SendSystemMessage(new Failed(SelfRef,
                new ActorInitializationException(Self, $"Could not restart {Props.ActorType.Name} at {Self.Path}: {e.Message}", e),
                Self.Path.Uid));
        }
    }

    private void OnLastChildGone()
    {
        if (_terminating) FinishTerminate();
        else if (_pendingRecreateCause is { } cause) FinishRecreate(cause);
    }

    private void StopTimers()
    {
        _timers?.CancelAll();
        CancelReceiveTimeout();
    }
}
