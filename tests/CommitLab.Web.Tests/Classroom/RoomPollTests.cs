using CommitLab.Web.Classroom;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>Asking the room a question: the run waits, students answer (and may change their mind) until the reveal.</summary>
public sealed class RoomPollTests : IDisposable
{
    private static readonly string[] Endings = ["Everyone commits", "Everyone aborts", "It blocks"];

    private readonly ClassroomHarness classroom = new();
    private readonly Room room;
    private readonly InstructorConsole console;

    public RoomPollTests()
    {
        (room, var token) = classroom.Open();
        console = classroom.Console(room, token);
    }

    public void Dispose() => classroom.Dispose();

    [Fact]
    public void Asking_a_question_pauses_the_run_and_puts_the_poll_on_screen()
    {
        console.StepEvent();
        console.Play();
        Assert.True(room.Frame.Playing);

        var poll = console.StartPoll("  How will this run end?  ", Endings, 0);

        Assert.False(room.Frame.Playing);
        Assert.Equal("How will this run end?", poll.Question);
        Assert.Equal(PollStatus.Open, poll.Status);
        Assert.Equal(room.Frame.Snapshot.Tick, poll.AtTick);
        Assert.Equal(poll.Id, room.Poll!.Id);
        Assert.Equal("How will this run end?", room.Poll.Question);
        Assert.Equal(Endings, room.Poll.Options.ToArray());
    }

    [Fact]
    public void Empty_answer_slots_are_dropped_and_answers_trimmed()
    {
        var poll = console.StartPoll("Q?", ["  Yes ", "", "   ", "No"], 1);

        Assert.Equal<string>(["Yes", "No"], poll.Options);
        Assert.Equal(1, poll.Correct);
    }

    public static TheoryData<string?, string[], int?, string> BadPolls() => new()
    {
        { "", ["a", "b"], null, "type a question first" },
        { "   ", ["a", "b"], null, "type a question first" },
        { null, ["a", "b"], null, "type a question first" },
        { "Q?", ["only one"], null, "between 2 and 6 answers" },
        { "Q?", ["one", "", "  "], null, "between 2 and 6 answers" },
        { "Q?", [], null, "between 2 and 6 answers" },
        { "Q?", ["1", "2", "3", "4", "5", "6", "7"], null, "between 2 and 6 answers" },
        { new string('q', 301), ["a", "b"], null, "at most 300 characters" },
        { "Q?", ["a", new string('b', 121)], null, "at most 120 characters" },
        { "Q?", ["a", "b"], 2, "the right answer must be one of the options" },
        { "Q?", ["a", "b"], -1, "the right answer must be one of the options" },
    };

    [Theory]
    [MemberData(nameof(BadPolls))]
    public void A_bad_poll_is_refused_and_nothing_is_asked(string? question, string[] options, int? correct, string message)
    {
        var before = room.Frame;

        var error = Assert.ThrowsAny<ArgumentException>(() => console.StartPoll(question, options, correct));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(room.Poll);
        Assert.Empty(console.PollHistory());
        Assert.Same(before, room.Frame);
    }

    [Fact]
    public void The_longest_allowed_question_and_answers_are_accepted()
    {
        var poll = console.StartPoll(new string('q', 300), ["1", "2", "3", "4", "5", new string('6', 120)], 5);

        Assert.Equal(6, poll.Options.Length);
    }

    [Fact]
    public void A_students_answer_is_counted_for_the_instructor_only()
    {
        var ada = classroom.Join(room, "Ada");
        var grace = classroom.Join(room, "Grace");
        var poll = console.StartPoll("Who decides?", ["L", "P1", "Nobody"], 0);
        PollView? tallied = null;
        room.PollAnswered += view => tallied = view;

        Assert.Null(room.Answer(ada.Id, poll.Id, 0));
        Assert.Null(room.Answer(grace.Id, poll.Id, 2));

        Assert.Equal(0, room.AnswerOf(ada.Id));
        Assert.Equal(2, room.AnswerOf(grace.Id));
        Assert.Equal([1, 0, 1], room.Poll!.Tally.ToArray());
        Assert.Equal(2, room.Poll.Answered);
        Assert.Equal(50, room.Poll.Percent(0));
        // The second answer came within the push interval: it reaches the instructor in the next push.
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref tallied)?.Answered == 2, TimeSpan.FromSeconds(10)));
        Assert.Equal([1, 0, 1], tallied!.Tally.ToArray());

        var seen = room.Poll.ForStudents();
        Assert.Null(seen.Correct);
        Assert.Empty(seen.Tally);
        Assert.Equal(0, seen.Answered);
        Assert.Equal(0, seen.Percent(0));
        Assert.Equal("Who decides?", seen.Question);
        Assert.Equal(3, seen.Options.Length);
    }

    [Fact]
    public void Changing_an_answer_keeps_one_answer_per_student()
    {
        var ada = classroom.Join(room, "Ada");
        var poll = console.StartPoll("Who decides?", ["L", "P1", "Nobody"], 0);

        room.Answer(ada.Id, poll.Id, 2);
        room.Answer(ada.Id, poll.Id, 1);
        room.Answer(ada.Id, poll.Id, 0);

        Assert.Equal(1, room.Poll!.Answered);
        Assert.Equal([1, 0, 0], room.Poll.Tally.ToArray());
        Assert.Equal(0, room.AnswerOf(ada.Id));
    }

    [Fact]
    public void After_the_reveal_students_see_the_tally_and_the_right_answer_but_cannot_answer()
    {
        var ada = classroom.Join(room, "Ada");
        var grace = classroom.Join(room, "Grace");
        var poll = console.StartPoll("Who decides?", ["L", "P1", "Nobody"], 0);
        room.Answer(ada.Id, poll.Id, 1);

        var revealed = console.RevealPoll()!;

        Assert.True(revealed.Revealed);
        Assert.Equal("Answers are closed: the instructor has revealed the results.", room.Answer(grace.Id, poll.Id, 0));
        Assert.Equal("Answers are closed: the instructor has revealed the results.", room.Answer(ada.Id, poll.Id, 0));
        Assert.Equal(1, room.AnswerOf(ada.Id));
        Assert.Null(room.AnswerOf(grace.Id));
        var seen = room.Poll!.ForStudents();
        Assert.Equal(0, seen.Correct);
        Assert.Equal([0, 1, 0], seen.Tally.ToArray());
        Assert.Equal(100, seen.Percent(1));
    }

    [Fact]
    public void An_answer_to_an_old_poll_or_to_no_option_is_refused()
    {
        var ada = classroom.Join(room, "Ada");
        var first = console.StartPoll("First?", ["a", "b"], null);
        var second = console.StartPoll("Second?", ["c", "d"], null);

        Assert.Equal("That question is no longer open.", room.Answer(ada.Id, first.Id, 0));
        Assert.Equal("There is no such option.", room.Answer(ada.Id, second.Id, 2));
        Assert.Equal("There is no such option.", room.Answer(ada.Id, second.Id, -1));
        Assert.Equal(0, room.Poll!.Answered);

        console.ClosePoll();
        Assert.Null(room.Poll);
        Assert.Equal("That question is no longer open.", room.Answer(ada.Id, second.Id, 0));
    }

    [Fact]
    public void The_history_keeps_every_poll_with_its_answers_newest_first()
    {
        var ada = classroom.Join(room, "Ada");
        var first = console.StartPoll("First?", ["a", "b"], 1);
        room.Answer(ada.Id, first.Id, 1);
        console.RevealPoll();
        console.ClosePoll();
        console.StartPoll("Second?", ["c", "d"], null);

        var history = console.PollHistory();

        Assert.Equal(["Second?", "First?"], history.Select(p => p.Question));
        Assert.Equal(PollStatus.Closed, history[1].Status);
        Assert.Equal([0, 1], history[1].Tally.ToArray());
    }

    [Fact]
    public void The_student_list_ticks_who_answered()
    {
        var ada = classroom.Join(room, "Ada");
        var grace = classroom.Join(room, "Grace");
        using var adaPage = room.Attend(ada);
        using var adaPhone = room.Attend(ada);
        using var gracePage = room.Attend(grace);
        var poll = console.StartPoll("Q?", ["a", "b"], null);

        room.Answer(grace.Id, poll.Id, 1);

        Assert.Equal(
            [new StudentPresence(ada.Id, "Ada", 2, false), new StudentPresence(grace.Id, "Grace", 1, true)],
            room.Students());
        Assert.Equal(3, room.Connections);
    }

    [Fact]
    public void Closing_a_page_takes_the_student_off_the_list_once_however_often_it_closes()
    {
        var ada = classroom.Join(room, "Ada");
        var page = room.Attend(ada);
        var changes = 0;
        room.MembersChanged += () => changes++;

        page.Dispose();
        page.Dispose();

        Assert.Empty(room.Students());
        Assert.Equal(1, changes);
    }

    [Fact]
    public void Students_see_how_many_answered_only_after_the_reveal()
    {
        var poll = console.StartPoll("Who decides?", ["L", "P1"], 0);
        room.Answer(classroom.Join(room, "Ada").Id, poll.Id, 0);
        room.Answer(classroom.Join(room, "Grace").Id, poll.Id, 1);

        Assert.Equal(0, room.Poll!.ForStudents().Answered);
        Assert.Equal(0, room.Poll.ForStudents().Percent(0));

        var revealed = console.RevealPoll()!.ForStudents();
        Assert.Equal(2, revealed.Answered);
        Assert.Equal([1, 1], revealed.Tally.ToArray());
        Assert.Equal(0, revealed.Correct);
    }

    [Fact]
    public void A_flood_of_answers_reaches_the_instructor_as_a_few_pushes_and_ends_on_the_final_tally()
    {
        var ada = classroom.Join(room, "Ada");
        var grace = classroom.Join(room, "Grace");
        var poll = console.StartPoll("Who decides?", ["L", "P1", "Nobody"], 0);
        var pushes = 0;
        PollView? last = null;
        var members = 0;
        room.PollAnswered += view =>
        {
            Interlocked.Increment(ref pushes);
            Volatile.Write(ref last, view);
        };
        room.MembersChanged += () => Interlocked.Increment(ref members);

        var refusals = new List<string?>();
        for (var i = 0; i < 5_000; i++)
        {
            refusals.Add(room.Answer(ada.Id, poll.Id, i % 3));
        }

        room.Answer(grace.Id, poll.Id, 1);

        // Ada changed her mind the allowed number of times; later changes were refused without a
        // write, and repeating the answer that counts changed nothing.
        var allowed = classroom.Options.MaxAnswersPerPoll;
        var adaFinal = (allowed - 1) % 3;
        Assert.All(refusals.Take(allowed), Assert.Null);
        Assert.Equal(Enumerable.Range(allowed, 5_000 - allowed).Count(i => i % 3 != adaFinal), refusals.Count(r => r == "You have changed your answer many times; the last one counts."));
        Assert.Equal(adaFinal, room.AnswerOf(ada.Id));
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref last) is { Answered: 2 } seen && seen.Tally[1] + seen.Tally[adaFinal] >= 2, TimeSpan.FromSeconds(10)));
        // One push at once, one when the interval is over, one for Grace; a slow disk may add one per 250 ms of writing.
        Assert.InRange(pushes, 1, 6);
        Assert.InRange(members, 1, 6);
    }

    [Fact]
    public void The_same_answer_again_changes_nothing()
    {
        var ada = classroom.Join(room, "Ada");
        var poll = console.StartPoll("Who decides?", ["L", "P1"], 0);
        room.Answer(ada.Id, poll.Id, 1);

        for (var i = 0; i < 100; i++)
        {
            Assert.Null(room.Answer(ada.Id, poll.Id, 1));
        }

        Assert.Null(room.Answer(ada.Id, poll.Id, 0));
        Assert.Equal(0, room.AnswerOf(ada.Id));
        Assert.Equal(0, classroom.Store.CurrentPoll(room.Id)!.Answers[ada.Id]);
    }
}
