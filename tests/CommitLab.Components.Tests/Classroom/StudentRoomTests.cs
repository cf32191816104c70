using Blazor.Diagrams.Core.Geometry;
using CommitLab.Web.Classroom;
using CommitLab.Web.Components.Classroom;
using CommitLab.Web.Lab;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommitLab.Components.Tests.Classroom;

/// <summary>
/// The student's room page body over a feed the test controls: what it shows when the seat is
/// unknown, when its copy of the run parted from the room's, and when the connection is down.
/// </summary>
public sealed class StudentRoomTests : MudTestContext
{
    private readonly FakeFeed feed = new();

    public StudentRoomTests()
    {
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 300, 84));
        Services.AddSingleton<IStudentRoomFeed>(feed);
        // As in the browser: the page body runs interactive in WebAssembly.
        SetRendererInfo(new RendererInfo("WebAssembly", true));
    }

    private static StudentRoomView Room()
    {
        using var session = new PlaybackSession();
        return new StudentRoomView("Two-phase commit when nothing goes wrong", "ABC234", "Ada", session.Frame, null, null, "lab?run=1.x&e=0&t=0");
    }

    [Fact]
    public void An_unknown_seat_is_sent_to_join_with_the_code()
    {
        var cut = Render<StudentRoom>(p => p.Add(c => c.Code, "ABC234").Add(c => c.StudentId, "nobody"));

        Assert.Equal("join?code=ABC234", cut.Find("[data-testid=not-joined] a").GetAttribute("href"));
    }

    [Fact]
    public void A_copy_that_parted_from_the_rooms_run_says_so_above_the_drawing()
    {
        feed.Next = Room() with { Mismatch = "This page's copy of the run did not match the room's at event 3: …" };

        var cut = Render<StudentRoom>(p => p.Add(c => c.Code, "ABC234").Add(c => c.StudentId, "s1"));

        Assert.Equal("ABC-234", cut.Find("[data-testid=room-code]").TextContent);
        Assert.Equal("Ada", cut.Find("[data-testid=student-name]").TextContent);
        Assert.StartsWith("This page's copy of the run did not match the room's at event 3", cut.Find("[role=alert][data-testid=replica-mismatch]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=room-reconnecting]"));
    }

    [Fact]
    public void A_dropped_connection_is_shown_until_the_feed_is_back()
    {
        feed.Next = Room();
        var cut = Render<StudentRoom>(p => p.Add(c => c.Code, "ABC234").Add(c => c.StudentId, "s1"));
        Assert.Empty(cut.FindAll("[data-testid=replica-mismatch]"));

        feed.Show(feed.View! with { Disconnected = true });
        cut.WaitForAssertion(() => Assert.Contains("reconnecting", cut.Find("[data-testid=room-reconnecting]").TextContent, StringComparison.Ordinal));

        feed.Show(feed.View! with { Disconnected = false });
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=room-reconnecting]")));
    }

    private sealed class FakeFeed : IStudentRoomFeed
    {
        public StudentRoomView? Next { get; set; }

        public StudentRoomView? View { get; private set; }

        public string? Error => null;

        public event Action? Changed;

        public Task OpenAsync(string code, string? studentId, bool live)
        {
            View = Next;
            return Task.CompletedTask;
        }

        public Task AnswerAsync(int choice) => Task.CompletedTask;

        public void Show(StudentRoomView view)
        {
            View = view;
            Changed?.Invoke();
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
