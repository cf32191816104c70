using System.Collections.Immutable;
using CommitLab.Engine.TwoGenerals;

namespace CommitLab.Web.Generals;

/// <summary>
/// The state behind the Two generals page: the settings being edited, the last lunch trial and the
/// last batch. Settings only take effect on <see cref="Send"/>, so the scene always shows one whole
/// trial and the line above it says which.
/// </summary>
public sealed class GeneralsViewModel
{
    /// <summary>The page offers up to 10 emails: the engine allows 20, but the drawing gets long.</summary>
    public const int MaxEmails = 10;

    /// <summary>The loss slider moves in steps of this many percent.</summary>
    public const int LossStep = 5;

    private int emails = 3;
    private int lossPercent = 10;

    public GeneralsViewModel()
    {
        Plan = new LunchPlan(emails, lossPercent / 100.0, (ulong)Seed);
        Outcome = LunchTrial.Run(Plan);
        Scene = SceneView.From(Outcome);
        SpaceTimeSvg = LunchSpaceTime.Svg(Outcome);
    }

    /// <summary>The number of emails for the next trial, 1 to <see cref="MaxEmails"/>; other values are pulled into range.</summary>
    public int Emails
    {
        get => emails;
        set => emails = Math.Clamp(value, 1, MaxEmails);
    }

    /// <summary>The loss rate for the next trial in percent, 0 to 100; other values are pulled into range.</summary>
    public int LossPercent
    {
        get => lossPercent;
        set => lossPercent = Math.Clamp(value, 0, 100);
    }

    /// <summary>The seed for the next trial. A long because the page's number box binds to one; negative seeds are refused at Send.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>Why the last Send was refused, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The plan behind the trial on screen (not the settings being edited).</summary>
    public LunchPlan Plan { get; private set; }

    public LunchOutcome Outcome { get; private set; }

    public SceneView Scene { get; private set; }

    /// <summary>The trial's emails on the Lab's space-time diagram (inline SVG), drawn from the run's trace.</summary>
    public string SpaceTimeSvg { get; private set; }

    /// <summary>Counts Sends: the scene restarts its sending animation when this changes, and only then.</summary>
    public int Sends { get; private set; }

    /// <summary>
    /// Whether the page should play the sending animation: true right after a Send, false after a
    /// toggle, which should show its effect at once instead of replaying the whole exchange.
    /// </summary>
    public bool PlaySending { get; private set; }

    public BatchView? Batch { get; private set; }

    public static IReadOnlyList<int> EmailChoices { get; } = [.. Enumerable.Range(1, MaxEmails)];

    public string SamPlace => OutcomeText.Place(Person.Sam, Outcome.Sam);

    public string JillPlace => OutcomeText.Place(Person.Jill, Outcome.Jill);

    public string MetText => OutcomeText.Met(Outcome);

    public string Why => OutcomeText.Why(Outcome);

    public ImmutableArray<KnowledgeFact> Knowledge => Outcome.Knowledge;

    public string? Unreached => OutcomeText.Unreached(Outcome);

    public string LastSenderDoubt => Outcome.LastSenderDoubt;

    /// <summary>One line naming the trial on screen, so edited-but-unsent settings never mislead.</summary>
    public string TrialFacts
    {
        get
        {
            var facts = $"{(Plan.Emails == 1 ? "1 email" : $"{Plan.Emails} emails")}, {BatchView.Percent(Plan.Loss, "0")} loss, seed {Plan.Seed}";
            return Plan.Dropped.IsEmpty ? facts : $"{facts}, dropped by you: {string.Join(", ", Plan.Dropped)}";
        }
    }

    /// <summary>Runs one trial with the current settings and no hand-dropped emails.</summary>
    public void Send()
    {
        if (Seed < 0)
        {
            Error = $"The seed must be 0 or more, not {Seed}.";
            return;
        }

        Error = null;
        Show(new LunchPlan(emails, lossPercent / 100.0, (ulong)Seed));
        Sends++;
        PlaySending = true;
    }

    /// <summary>Moves to the next seed and sends: a quick way to watch many different lunches.</summary>
    public void SendNextSeed()
    {
        Seed = Seed < 0 ? 0 : Seed + 1;
        Send();
    }

    /// <summary>
    /// Loses email <paramref name="number"/> on purpose, or lets it through again, and replays the
    /// same trial (same seed) so only that choice changes. Emails that are not controls are ignored.
    /// </summary>
    public void Toggle(int number)
    {
        if (Scene.Envelopes.FirstOrDefault(e => e.Number == number) is not { Clickable: true })
        {
            return;
        }

        Show(Plan.ToggleDrop(number));
        PlaySending = false;
    }

    /// <summary>True while a batch is being computed.</summary>
    public bool BatchRunning { get; private set; }

    /// <summary>
    /// Runs the default grid. Pure computation (well under a second), moved off the caller's thread
    /// so a circuit's other events are not held up; the result lands back on the caller's context.
    /// </summary>
    public async Task RunBatchAsync()
    {
        if (BatchRunning)
        {
            return;
        }

        BatchRunning = true;
        try
        {
            Batch = await Task.Run(() => BatchView.From(LunchBatch.Run(BatchPlan.Default)));
        }
        finally
        {
            BatchRunning = false;
        }
    }

    private void Show(LunchPlan plan)
    {
        Plan = plan;
        Outcome = LunchTrial.Run(plan);
        Scene = SceneView.From(Outcome);
        SpaceTimeSvg = LunchSpaceTime.Svg(Outcome);
    }
}
