namespace CommitLab.Web.Lab;

/// <summary>
/// Holds a run still while someone picks what to do with a selected node, link or message. At the
/// default speed a message crosses a link in about a second, less than it takes to reach the "Drop"
/// button, so selecting pauses playback; choosing an action or cancelling ends the hold, and the run
/// plays on only if it was playing when the hold began (a paused run stays paused).
/// </summary>
public sealed class SelectionHold
{
    private bool resume;

    /// <summary>The run is paused for a choice; the page says so.</summary>
    public bool Holding { get; private set; }

    /// <summary>Something was selected: pause the run if it is playing.</summary>
    public void Begin(IPlaybackControl run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Holding)
        {
            return; // a second selection while choosing keeps the first hold and what it will resume
        }

        resume = run.Playing;
        if (resume)
        {
            run.Pause();
        }

        Holding = resume;
    }

    /// <summary>An action was chosen or the choice cancelled: play on if the hold paused the run.</summary>
    public void End(IPlaybackControl run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!Holding)
        {
            return;
        }

        Holding = false;
        if (resume && !run.Playing && !run.Finished)
        {
            run.Play();
        }

        resume = false;
    }

    /// <summary>The run was started or reloaded by other means: nothing to resume any more.</summary>
    public void Forget()
    {
        Holding = false;
        resume = false;
    }
}
