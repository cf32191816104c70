using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Hosting;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Classroom;

/// <summary>
/// The instructor's hold on a room: the only way to change its run or its polls. Only
/// <see cref="ClassroomService.OpenConsole"/> makes one, after checking the room's token, so a
/// student's page or hub connection, which never presented the token, has no object to call.
/// The Blazor console and the hub both drive rooms through this class; every action is logged.
/// Methods throw <see cref="ArgumentException"/> for bad input (an unknown node, an empty
/// question), and the run is left as it was.
/// </summary>
public sealed class InstructorConsole : IPlaybackControl
{
    private readonly ClassroomOptions options;
    private readonly ILogger log;

    internal InstructorConsole(Room room, ClassroomOptions options, ILogger log)
    {
        Room = room;
        this.options = options;
        this.log = log;
    }

    public Room Room { get; }

    public Snapshot Snapshot => Room.Frame.Snapshot;

    public long Tick => Snapshot.Tick;

    public bool Finished => Snapshot.Finished;

    public bool Playing => Room.Frame.Playing;

    public double Speed => Room.Frame.Speed;

    public TimelinePosition Head => Session(s => s.Head);

    public bool IsBehindHead => Session(s => s.IsBehindHead);

    public long? BranchedAtTick => Session(s => s.BranchedAtTick);

    public void Play() => Play(null);

    public void Pause() => Pause(null);

    public bool StepEvent() => StepEvent(null);

    public void Restart() => Restart(null);

    public void SetSpeed(double speed) => SetSpeed(speed, null);

    public void SeekTick(long tick) => SeekTick(tick, null);

    public void Play(string? actionId) => Do(nameof(Play), s => s.Play(actionId));

    public void Pause(string? actionId) => Do(nameof(Pause), s => s.Pause(actionId));

    public bool StepEvent(string? actionId)
    {
        var stepped = false;
        Do("Step", s => stepped = s.StepEvent(actionId));
        return stepped;
    }

    public void Restart(string? actionId) => Do(nameof(Restart), s => s.Restart(actionId));

    /// <summary>Throws <see cref="ArgumentException"/> for a speed that is not a number.</summary>
    public void SetSpeed(double speed, string? actionId) => Do(nameof(SetSpeed), s => s.SetSpeed(speed, actionId));

    public void SeekTick(long tick, string? actionId) => Do("Seek", s => s.SeekTick(tick, actionId));

    /// <summary>
    /// Injects a fault now, judged by the run as every hand fault is. Throws
    /// <see cref="ArgumentException"/> with the reason (an unknown node, a message no longer in
    /// flight, a fault too many).
    /// </summary>
    public void Inject(FaultAction action, string? actionId = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        Do($"Inject {action.ToText()}", s => s.Inject(action, actionId));
    }

    /// <summary>"Kill the leader now": crashes L wherever the run is. Throws when L is already down (a second crash would be recorded as a fault that did nothing).</summary>
    public void CrashLeader(string? actionId = null)
    {
        if (Snapshot.Nodes.FirstOrDefault(n => n.Name == "L") is { Up: false })
        {
            throw new ArgumentException("L is already down: recover it first, or play on to see what the participants do");
        }

        Inject(new FaultAction.Crash("L"), actionId);
    }

    /// <summary>Drops the message that would arrive next. Throws when nothing is in flight.</summary>
    public void DropNextMessage(string? actionId = null)
    {
        var next = Snapshot.InFlight.Where(m => !m.WillBeLost).OrderBy(m => m.DeliverAt).ThenBy(m => m.Id).FirstOrDefault()
            ?? throw new ArgumentException("no message is in flight right now: step until one is sent, then drop it");
        Inject(new FaultAction.Drop(next.Id), actionId);
    }

    /// <summary>Starts the room over on another scenario (polls are kept in the history).</summary>
    public void Load(Scenario scenario, string? scenarioName, string? actionId = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        log.LogInformation("Room {Room}: instructor loads {Scenario}", Room.Code, LogText.Safe(scenarioName ?? scenario.Title));
        try
        {
            Room.Load(scenario, scenarioName, actionId);
        }
        catch (ScenarioException e)
        {
            throw new ArgumentException(e.Message, nameof(scenario), e);
        }
    }

    /// <summary>Pauses the run and asks the room a question. Options are 2 to 6 short texts; <paramref name="correct"/> is optional.</summary>
    public PollView StartPoll(string? question, IReadOnlyList<string>? choices, int? correct)
    {
        var text = (question ?? "").Trim();
        if (text.Length == 0)
        {
            throw new ArgumentException("type a question first");
        }

        if (text.Length > options.MaxQuestionLength)
        {
            throw new ArgumentException($"a question has at most {options.MaxQuestionLength} characters (this one has {text.Length})");
        }

        var cleaned = (choices ?? []).Select(c => (c ?? "").Trim()).Where(c => c.Length > 0).ToImmutableArray();
        if (cleaned.Length < 2 || cleaned.Length > options.MaxPollOptions)
        {
            throw new ArgumentException($"a poll needs between 2 and {options.MaxPollOptions} answers to choose from (it has {cleaned.Length})");
        }

        if (cleaned.FirstOrDefault(c => c.Length > options.MaxOptionLength) is { } tooLong)
        {
            throw new ArgumentException($"an answer has at most {options.MaxOptionLength} characters: \"{tooLong[..20]}…\" is longer");
        }

        if (correct is { } c && (c < 0 || c >= cleaned.Length))
        {
            throw new ArgumentException("the right answer must be one of the options");
        }

        log.LogInformation("Room {Room}: instructor asks {Question}", Room.Code, LogText.Safe(text, 120));
        return Room.StartPoll(text, cleaned, correct);
    }

    public PollView? RevealPoll() => Room.SetPollStatus(PollStatus.Revealed);

    /// <summary>Takes the poll off the screen; its answers stay in the history.</summary>
    public void ClosePoll() => Room.SetPollStatus(PollStatus.Closed);

    public IReadOnlyList<PollView> PollHistory() => Room.PollHistory();

    private void Do(string what, Action<PlaybackSession> change)
    {
        log.LogDebug("Room {Room}: instructor {Action}", Room.Code, LogText.Safe(what, 120));
        Room.Command(change);
    }

    private T Session<T>(Func<PlaybackSession, T> read) => Room.Peek(read);
}
