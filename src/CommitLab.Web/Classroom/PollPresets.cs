using System.Collections.Immutable;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Classroom;

/// <summary>
/// Questions an instructor can ask with one click. "How will this run end?" fits every run, and its
/// right answer is not guessed: the room's recording (the scenario and every fault injected so far)
/// is run to its end on a copy, so the answer matches what the room will see if the instructor
/// plays on without another fault. Scenario-specific questions add the moment each file is built around.
/// </summary>
public static class PollPresets
{
    private static readonly ImmutableArray<string> Endings =
    [
        "Everyone commits",
        "Everyone aborts",
        "It blocks: participants wait, holding their locks",
        "Atomicity breaks: some commit while others abort",
    ];

    private static readonly ImmutableDictionary<string, PollPreset[]> ByScenario = new Dictionary<string, PollPreset[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["2pc-happy-path"] =
        [
            new("How many messages does this run send, with three participants and no failures?", ["6", "9", "12", "15"], 2),
            new("Which write must reach the disk before a participant answers YES?", ["None: a vote is just a message", "A PREPARED record, forced", "The COMMIT record", "The data itself, fully applied"], 1),
        ],
        ["2pc-leader-crash-after-commit"] =
        [
            new("L logged COMMIT and crashed before telling anyone. What do the participants do?", ["Commit, since L decided", "Abort after their timeout", "Wait, holding their locks, until someone knows the outcome", "Elect a new leader and decide again"], 2),
        ],
        ["2pc-leader-crash-then-recover"] =
        [
            new("L comes back. What does it find in its log, and what does it do?", ["Nothing; it starts a new transaction", "PREPARE only; it aborts", "COMMIT; it sends commit again", "It asks the participants what to do"], 2),
        ],
        ["2pc-participant-votes-no"] =
        [
            new("One participant votes NO. What does L decide?", ["Commit on the participants that said yes", "Abort everywhere", "Ask again until everyone says yes", "Wait for an operator"], 1),
        ],
        ["2pc-participant-crashes-before-voting"] =
        [
            new("P2 crashed before voting. What does L do when its vote timer fires?", ["Waits for P2 forever", "Commits without P2", "Aborts: no vote counts as no", "Asks P1 and P3 to vote again"], 2),
        ],
        ["2pc-participant-recovers"] =
        [
            new("P2 voted YES, crashed, and recovers with PREPARED in its log. What may it do?", ["Abort on its own", "Commit on its own", "Ask what was decided", "Vote again"], 2),
        ],
        ["2pc-cooperative-termination-aborts"] =
        [
            new("An uncertain participant asks a peer that never voted. What can they decide?", ["Commit", "Abort: that peer can still refuse", "Nothing: both must wait", "Whatever the majority says"], 1),
        ],
        ["3pc-leader-crash-after-one-precommit"] =
        [
            new("L crashed after sending PRE-COMMIT to one participant. What will the termination protocol decide?", ["Abort: the leader is gone", "Commit: someone is precommitted, so everyone voted yes", "Block until L returns", "Let each participant decide alone"], 1),
        ],
        ["3pc-leader-crash-before-precommit"] =
        [
            new("L crashed before any PRE-COMMIT. What will the participants decide?", ["Commit", "Abort: nobody can have committed yet", "Block until L returns", "Split between commit and abort"], 1),
        ],
        ["3pc-partition-timeout-detector"] =
        [
            new("The network splits and each side suspects the other. Can the two sides decide differently?", ["No: 3PC never blocks and never disagrees", "Yes: each side runs the termination protocol as if the other crashed", "No: they wait until the partition heals", "Only if the leader crashes too"], 1),
        ],
        ["3pc-partition-perfect-detector"] =
        [
            new("The network splits, but the detector is perfect. What happens?", ["Atomicity breaks", "Nodes wait instead of guessing; nobody disagrees", "Everyone aborts at once", "The side with the leader commits alone"], 1),
        ],
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The presets for a room: the scenario's own questions, then "How will this run end?" answered by running a copy to the end.</summary>
    /// <param name="asWritten">
    /// The scenario file the room started from. When the recording carries faults the file does not
    /// (the instructor injected some), the scenario's own questions describe a run that is no longer
    /// the one on screen ("12 messages, no failures" after L was killed), so they are withdrawn.
    /// </param>
    public static IReadOnlyList<PollPreset> For(string? scenarioName, Scenario recording, Scenario? asWritten = null)
    {
        var presets = new List<PollPreset>();
        var asFiled = asWritten is null || recording.Faults.SequenceEqual(asWritten.Faults);
        if (asFiled && scenarioName is not null && ByScenario.TryGetValue(scenarioName, out var own))
        {
            presets.AddRange(own);
        }

        // The endings are a commit protocol's; a Tahoe-LAFS run ends in versions, not in commit or abort.
        if (!CommitLab.Engine.Protocols.Names.IsTahoe(recording.Protocol))
        {
            presets.Add(new PollPreset("If we play on with no other fault, how will this run end?", Endings, EndingOf(recording)));
        }

        return presets;
    }

    /// <summary>Which of <see cref="Endings"/> the recording reaches; null when it ends undecided (no option is right).</summary>
    public static int? EndingOf(Scenario recording)
    {
        // Only how the run ends matters here, so it reuses the thread's run memory (Simulator.Run).
        return Simulator.Run(recording).Outcome switch
        {
            RunOutcome.Committed => 0,
            RunOutcome.Aborted => 1,
            RunOutcome.Blocked => 2,
            RunOutcome.Violation => 3,
            _ => null,
        };
    }
}
