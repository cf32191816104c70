using CommitLab.Web.Components.Lab;
using CommitLab.Web.Lab;

namespace CommitLab.Components.Tests.Lab;

public sealed class PlaybackBarTests : MudTestContext
{
    /// <summary>Records what the bar asks of the run, and answers like a paused run at 120 ms.</summary>
    private sealed class RecordingControl : IPlaybackControl
    {
        public List<string> Calls { get; } = [];

        public long Tick { get; set; } = 120;

        public bool Finished { get; set; }

        public bool Playing { get; set; }

        public double Speed { get; set; } = 1;

        public TimelinePosition Head => new(Events: 12, Tick: 300);

        public bool IsBehindHead => false;

        public long? BranchedAtTick => null;

        public bool CanStepBack => true;

        public void Play() => Calls.Add("play");

        public void Pause() => Calls.Add("pause");

        public bool StepEvent()
        {
            Calls.Add("step");
            return true;
        }

        public bool StepBack()
        {
            Calls.Add("step-back");
            return true;
        }

        public void Restart() => Calls.Add("restart");

        public void SetSpeed(double speed)
        {
            Calls.Add($"speed {speed.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}");
            Speed = speed;
        }

        public void SeekTick(long tick) => Calls.Add($"seek {tick}");
    }

    [Fact]
    public void Play_step_back_step_and_restart_each_ask_the_run_for_exactly_that()
    {
        var run = new RecordingControl();
        var cut = Render<PlaybackBar>(p => p.Add(c => c.Session, run));

        cut.Find("[data-testid=play]").Click();
        cut.Find("[data-testid=step-back]").Click();
        cut.Find("[data-testid=step]").Click();
        cut.Find("[data-testid=restart]").Click();

        Assert.Equal(["play", "step-back", "step", "restart"], run.Calls);
    }

    [Fact]
    public void A_playing_run_offers_pause_instead_of_play_and_pause_pauses_it()
    {
        var run = new RecordingControl { Playing = true };
        var cut = Render<PlaybackBar>(p => p.Add(c => c.Session, run));

        Assert.Empty(cut.FindAll("[data-testid=play]"));
        cut.Find("[data-testid=pause]").Click();

        Assert.Equal(["pause"], run.Calls);
    }

    [Fact]
    public void A_finished_run_cannot_be_played_or_stepped_but_can_be_restarted()
    {
        var run = new RecordingControl { Finished = true };
        var cut = Render<PlaybackBar>(p => p.Add(c => c.Session, run));

        Assert.True(cut.Find("[data-testid=play]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=step]").HasAttribute("disabled"));
        Assert.False(cut.Find("[data-testid=restart]").HasAttribute("disabled"));
    }

    [Fact]
    public void The_speed_slider_sets_a_log_scale_speed_and_ignores_what_is_not_a_number()
    {
        var run = new RecordingControl();
        var cut = Render<PlaybackBar>(p => p.Add(c => c.Session, run));
        var slider = cut.Find("input[aria-label^='Playback speed']");

        slider.Input("1");
        slider.Input("-1");
        slider.Input("NaN");

        Assert.Equal(["speed 10", "speed 0.1"], run.Calls);
    }

    [Fact]
    public void Dragging_the_timeline_seeks_to_that_tick_and_the_clock_shows_the_cursor()
    {
        var run = new RecordingControl();
        var cut = Render<PlaybackBar>(p => p.Add(c => c.Session, run));

        cut.Find("[data-testid=timeline]").Input("75");

        Assert.Equal(["seek 75"], run.Calls);
        Assert.Equal("120 ms", cut.Find("[data-testid=clock]").TextContent);
        Assert.Equal("300", cut.Find("[data-testid=timeline]").GetAttribute("max"));
    }

    [Fact]
    public void A_prefix_tells_two_bars_on_one_page_apart()
    {
        var cut = Render<PlaybackBar>(p => p.Add(c => c.Session, new RecordingControl()).Add(c => c.TestIdPrefix, "tahoe-"));

        Assert.NotNull(cut.Find("[data-testid=tahoe-play]"));
        Assert.Empty(cut.FindAll("[data-testid=play]"));
    }
}
