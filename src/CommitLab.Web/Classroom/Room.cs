using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Classroom.Cluster;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Sharing;

namespace CommitLab.Web.Classroom;

/// <summary>
/// A live classroom room: one server-side run that every page in the room follows, the poll on
/// screen, and who is watching. Students reach it read-only; everything that changes the run or
/// the poll is internal and reached only through an <see cref="InstructorConsole"/>, which exists
/// only for a caller that presented the room's token.
/// Each change builds one <see cref="LabFrame"/> that every page renders, and is saved so a
/// restarted server can replay the run to the same moment.
/// </summary>
public sealed class Room : IDisposable
{
    /// <summary>A broadcast carries at most this many new trace lines; a client that needs more resets.</summary>
    public const int MaxLinesPerBroadcast = 200;

    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Answers reach the instructor's tally at most this often: a hall answering at once (or one
    /// client calling Answer in a loop) costs a few pushes a second, not two per answer.
    /// </summary>
    public static readonly TimeSpan AnswerPushInterval = TimeSpan.FromMilliseconds(250);

    private readonly PlaybackSession session;
    private readonly IClassroomStore store;
    private readonly TimeProvider clock;
    private readonly byte[] tokenHash;
    private readonly ConcurrentDictionary<long, RoomMember> members = new();
    private readonly object pollGate = new();
    private readonly RenderPacer answerPushes;
    private readonly Dictionary<string, int> answersGiven = new(StringComparer.Ordinal);
    private readonly int maxAnswersPerPoll;
    private ITimer? answerPush;
    private long nextMemberKey;
    private int consoles;
    private AttendingStudent[] studentsElsewhere = [];
    private int broadcastTraceCount;
    private long lastSaved;
    private bool dirty;
    private PollRecord? poll;
    private ForkCache forkLink = new(-1, null);
    private PackedRecording packed = new(null, null);
    private PackedRecording savedYaml = new(null, null);
    private LabFrame frame;

    internal Room(RoomRecord record, Scenario recording, PollRecord? currentPoll, int joined, IClassroomStore store, TimeProvider clock, int maxAnswersPerPoll = 20)
    {
        this.store = store;
        this.clock = clock;
        this.maxAnswersPerPoll = maxAnswersPerPoll;
        answerPushes = new RenderPacer(AnswerPushInterval, clock);
        session = new PlaybackSession(clock);
        tokenHash = record.TokenHash;
        Id = record.Id;
        Code = record.Code;
        ScenarioName = record.ScenarioName;
        CreatedAt = record.CreatedAt;
        Joined = joined;
        poll = currentPoll;

        // A restored room replays its recording to where it was and waits, paused, for the instructor.
        session.Load(recording);
        session.SetSpeed(record.Speed);
        if (record.CursorEvents > 0 || record.CursorTick > 0)
        {
            session.Seek(new TimelinePosition(record.CursorEvents, record.CursorTick));
        }

        frame = session.Frame;
        broadcastTraceCount = frame.TraceCount;
        Touch();
        session.Published += OnPublished;
    }

    /// <summary>After every change of the run. Raised on the thread that changed it (often the play timer).</summary>
    public event Action<RoomBroadcast>? Updated;

    public event Action<PollView?>? PollChanged;

    /// <summary>A student answered: only the instructor's tally changes (students see counts at the reveal).</summary>
    public event Action<PollView>? PollAnswered;

    public event Action? MembersChanged;

    public string Id { get; }

    public string Code { get; }

    public string? ScenarioName { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Students who ever joined (the room's size for the admission limit).</summary>
    public int Joined { get; private set; }

    public LabFrame Frame => Volatile.Read(ref frame);

    public string Title => session.Title;

    /// <summary>The scenario plus every fault so far, for a student's fork into a private Lab.</summary>
    public Scenario Recording => session.Recording;

    public TimelinePosition Cursor => session.Cursor;

    /// <summary>
    /// A Lab link to this moment of the run (recording and cursor), for a student to try their own
    /// fault from here. Built once per frame however many students ask. Null when the run has grown
    /// too long for a link that would open (see <see cref="ShareLink.MaxLinkLength"/>).
    /// </summary>
    public string? ForkLink
    {
        get
        {
            var current = Frame;
            var cached = Volatile.Read(ref forkLink);
            if (cached.Seq == current.Seq)
            {
                return cached.Link;
            }

            // The recording changes only when a fault is injected: pack it then, not on every frame.
            var recording = session.Recording;
            var pack = Volatile.Read(ref packed);
            if (!ReferenceEquals(pack.Recording, recording))
            {
                pack = new PackedRecording(recording, ShareLink.Pack(recording));
                Volatile.Write(ref packed, pack);
            }

            var link = ShareLink.At(pack.Payload, new TimelinePosition(current.Snapshot.Events, current.Snapshot.Tick))?.TrimStart('/');
            Volatile.Write(ref forkLink, new ForkCache(current.Seq, link));
            return link;
        }
    }

    /// <summary>Timestamp (of the room's clock) of the last time anyone was here or anything happened.</summary>
    public long LastActive { get; private set; }

    public PollView? Poll
    {
        get
        {
            lock (pollGate)
            {
                return poll is null ? null : PollView.From(poll);
            }
        }
    }

    /// <summary>Whether the student answered the poll on screen, and which option.</summary>
    public int? AnswerOf(string studentId)
    {
        lock (pollGate)
        {
            return poll is not null && poll.Answers.TryGetValue(studentId, out var choice) ? choice : null;
        }
    }

    /// <summary>Student pages and connections open now.</summary>
    public int Connections => members.Count;

    /// <summary>Pages and connections of students following the room from other instances of a cluster, as those instances report them to its grain; the head count adds them.</summary>
    public int StudentsElsewhere => Volatile.Read(ref studentsElsewhere).Sum(s => s.Connections);

    /// <summary>The room's grain sets this from the instances' subscriptions; a change is a change of members.</summary>
    internal void SetStudentsElsewhere(AttendingStudent[] students)
    {
        ArgumentNullException.ThrowIfNull(students);
        var before = Interlocked.Exchange(ref studentsElsewhere, students);
        // Renewals report the same students every two seconds: only a real change reaches the instructors.
        if (!before.SequenceEqual(students))
        {
            MembersChanged?.Invoke();
        }
    }

    /// <summary>Instructor consoles open now (a room with one is never put to sleep).</summary>
    public int Consoles => Volatile.Read(ref consoles);

    /// <summary>
    /// The students watching now on every instance (here, and those the other instances of a
    /// cluster reported), one row per student however many pages they have open and wherever.
    /// </summary>
    public IReadOnlyList<StudentPresence> Students()
    {
        ImmutableDictionary<string, int> answers;
        lock (pollGate)
        {
            answers = poll?.Answers ?? ImmutableDictionary<string, int>.Empty;
        }

        return members.Values
            .Select(m => new AttendingStudent(m.StudentId, m.Name, 1))
            .Concat(Volatile.Read(ref studentsElsewhere))
            .GroupBy(m => m.StudentId, StringComparer.Ordinal)
            .Select(g => new StudentPresence(g.Key, g.First().Name, g.Sum(m => m.Connections), answers.ContainsKey(g.Key)))
            .OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    internal bool TokenMatches(string? token) => RoomSecrets.TokenMatches(token, tokenHash);

    internal void CountJoin() => Joined++;

    /// <summary>Marks a student's page or connection as present until the returned handle is disposed.</summary>
    public IDisposable Attend(StudentRecord student)
    {
        var key = Interlocked.Increment(ref nextMemberKey);
        members[key] = new RoomMember(student.Id, student.Name, DateTimeOffset.UtcNow);
        Touch();
        MembersChanged?.Invoke();
        return new Release(() => Leave(key));
    }

    /// <summary>Marks an instructor console as open until the returned handle is disposed.</summary>
    public IDisposable HoldConsole()
    {
        Interlocked.Increment(ref consoles);
        Touch();
        return new Release(() => Interlocked.Decrement(ref consoles));
    }

    /// <summary>
    /// The client (its address key) that opened or woke this room, or null when a student's join
    /// woke it: live rooms are counted per holder so that no one client holds them all.
    /// </summary>
    public string? Holder { get; internal set; }

    /// <summary>
    /// A student's answer to the open poll. Returns an error to show, or null when recorded. The
    /// same answer again changes nothing (no write, no push); a student may change their mind a
    /// bounded number of times; the instructor hears of answers at most every <see cref="AnswerPushInterval"/>.
    /// </summary>
    public string? Answer(string studentId, long pollId, int choice)
    {
        lock (pollGate)
        {
            if (poll is null || poll.Id != pollId)
            {
                return "That question is no longer open.";
            }

            if (poll.Status != PollStatus.Open)
            {
                return "Answers are closed: the instructor has revealed the results.";
            }

            if (choice < 0 || choice >= poll.Options.Length)
            {
                return "There is no such option.";
            }

            if (poll.Answers.TryGetValue(studentId, out var before) && before == choice)
            {
                return null;
            }

            var given = answersGiven.GetValueOrDefault(studentId);
            if (given >= maxAnswersPerPoll)
            {
                return "You have changed your answer many times; the last one counts.";
            }

            answersGiven[studentId] = given + 1;
            store.SaveAnswer(poll.Id, studentId, choice);
            poll = poll with { Answers = poll.Answers.SetItem(studentId, choice) };
        }

        Touch();
        PushAnswers();
        return null;
    }

    /// <summary>Tells the instructor's tally now, or schedules one push that will carry every answer given until then.</summary>
    private void PushAnswers()
    {
        var (decision, delay) = answerPushes.Next(urgent: false);
        if (decision == PaceDecision.Now)
        {
            RaiseAnswered();
        }
        else if (decision == PaceDecision.Later)
        {
            var timer = clock.CreateTimer(_ =>
            {
                answerPushes.Rendered();
                RaiseAnswered();
            }, null, delay, Timeout.InfiniteTimeSpan);
            Interlocked.Exchange(ref answerPush, timer)?.Dispose();
        }
    }

    private void RaiseAnswered()
    {
        PollView? view;
        lock (pollGate)
        {
            view = poll is null ? null : PollView.From(poll);
        }

        if (view is not null)
        {
            PollAnswered?.Invoke(view);
        }

        MembersChanged?.Invoke();
    }

    // ---- Instructor-only operations: internal, reached through InstructorConsole. ----

    /// <summary>
    /// Runs an instructor's change of the run. The change passes its action id to the session
    /// itself (see <see cref="PlaybackSession"/>), which hands it to <see cref="OnPublished"/>
    /// with that change's frame: the id never waits in a field for whichever broadcast comes next.
    /// </summary>
    internal void Command(Action<PlaybackSession> change)
    {
        dirty = true;
        try
        {
            change(session);
        }
        finally
        {
            Touch();
        }
    }

    /// <summary>Reads the session without changing it (timeline facts the frame does not carry).</summary>
    internal T Peek<T>(Func<PlaybackSession, T> read) => read(session);

    internal void Load(Scenario scenario, string? scenarioName, string? actionId)
    {
        // Named before the load, whose broadcast saves the room under this name; a refused load keeps the old one.
        var before = ScenarioName;
        ScenarioName = scenarioName;
        try
        {
            Command(s => s.Load(scenario, actionId));
        }
        catch
        {
            ScenarioName = before;
            throw;
        }
    }

    internal PollView StartPoll(string question, ImmutableArray<string> options, int? correct)
    {
        // A poll freezes the moment it asks about: the run waits until the instructor plays on.
        Command(s => s.Pause());
        PollView view;
        lock (pollGate)
        {
            var id = store.AddPoll(Id, question, options, correct, session.Snapshot.Tick);
            answersGiven.Clear();
            poll = new PollRecord(id, Id, question, options, correct, PollStatus.Open, session.Snapshot.Tick, ImmutableDictionary<string, int>.Empty);
            view = PollView.From(poll);
        }

        PollChanged?.Invoke(view);
        MembersChanged?.Invoke();
        return view;
    }

    internal PollView? SetPollStatus(PollStatus status)
    {
        PollView? view;
        lock (pollGate)
        {
            if (poll is null)
            {
                return null;
            }

            store.SetPollStatus(poll.Id, status);
            poll = status == PollStatus.Closed ? null : poll with { Status = status };
            view = poll is null ? null : PollView.From(poll);
        }

        Touch();
        PollChanged?.Invoke(view);
        MembersChanged?.Invoke();
        return view;
    }

    internal IReadOnlyList<PollView> PollHistory() => store.AllPolls(Id).Select(PollView.From).ToList();

    public void Dispose()
    {
        Interlocked.Exchange(ref answerPush, null)?.Dispose();
        session.Published -= OnPublished;
        session.Dispose();
        Save();
    }

    internal void Touch()
    {
        LastActive = clock.GetTimestamp();
        LastUsedAt = clock.GetUtcNow();
    }

    /// <summary>The wall-clock time of <see cref="LastActive"/>, saved with the run: a room expires a lifetime after it.</summary>
    public DateTimeOffset LastUsedAt { get; private set; }

    /// <summary>How long since anyone was here or anything happened.</summary>
    public TimeSpan Idle => clock.GetElapsedTime(LastActive);

    /// <summary>
    /// The session published a frame (after a command, or a tick of the play timer): the one frame
    /// everybody renders. Collect the new trace lines for hub clients, save if due, and tell the listeners.
    /// Runs inside the session's lock, so frames go out in the order the run produced them.
    /// </summary>
    private void OnPublished(PlaybackUpdate update)
    {
        var next = update.Frame;
        var reset = next.TraceCount < broadcastTraceCount || next.Snapshot.Events < Frame.Snapshot.Events;
        var from = reset ? Math.Max(0, next.TraceCount - MaxLinesPerBroadcast) : broadcastTraceCount;
        if (next.TraceCount - from > MaxLinesPerBroadcast)
        {
            reset = true;
            from = next.TraceCount - MaxLinesPerBroadcast;
        }

        var lines = new List<string>(next.TraceCount - from);
        session.Read(sim =>
        {
            for (var i = from; i < next.TraceCount; i++)
            {
                lines.Add(sim.Trace.Line(sim.Trace.Events[i]));
            }

            return lines;
        });
        broadcastTraceCount = next.TraceCount;
        Volatile.Write(ref frame, next);

        var now = Stopwatch.GetTimestamp();
        if (dirty || !next.Playing || Stopwatch.GetElapsedTime(lastSaved, now) >= SaveInterval)
        {
            dirty = false;
            lastSaved = now;
            Save();
        }

        Updated?.Invoke(new RoomBroadcast(next, update.ActionId, reset, lines) { Failure = update.Failure });
    }

    /// <summary>Saves where the run is; a room whose row is gone (the file was made again) adds itself back, so later writes are not lost.</summary>
    internal void Save()
    {
        var cursor = session.Cursor;
        // The recording changes only when a fault is injected or a scenario loaded: write its text then, not on every save.
        var recording = session.Recording;
        var text = savedYaml;
        if (!ReferenceEquals(text.Recording, recording))
        {
            text = new PackedRecording(recording, ScenarioWriter.ToYaml(recording));
            savedYaml = text;
        }

        var yaml = text.Payload!;
        if (!store.SaveRun(Id, ScenarioName, yaml, cursor.Events, cursor.Tick, session.Speed, LastUsedAt))
        {
            store.AddRoom(new RoomRecord(Id, Code, tokenHash, ScenarioName, yaml, cursor.Events, cursor.Tick, session.Speed, CreatedAt, LastUsedAt));
        }
    }

    private void Leave(long key)
    {
        if (members.TryRemove(key, out _))
        {
            Touch();
            MembersChanged?.Invoke();
        }
    }

    private sealed record ForkCache(long Seq, string? Link);

    private sealed record PackedRecording(Scenario? Recording, string? Payload);

    /// <summary>Runs its action once, however often it is disposed (a page and a hub may both dispose).</summary>
    private sealed class Release(Action action) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                action();
            }
        }
    }
}
