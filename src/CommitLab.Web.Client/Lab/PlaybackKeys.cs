namespace CommitLab.Web.Lab;

/// <summary>
/// The transport's keys, the same on every page that drives a run: Space plays or pauses, the arrows
/// step one event forward or back, Home restarts. Pages handle their own keys (Escape, faults,
/// the projector view) around this.
/// </summary>
public static class PlaybackKeys
{
    /// <summary>Acts on <paramref name="key"/> if it is a transport key; false when it is not one.</summary>
    public static bool Handle(IPlaybackControl playback, string key)
    {
        ArgumentNullException.ThrowIfNull(playback);
        switch (key)
        {
            case " ":
                if (playback.Playing)
                {
                    playback.Pause();
                }
                else
                {
                    playback.Play();
                }

                return true;
            case "ArrowRight":
                playback.StepEvent();
                return true;
            case "ArrowLeft":
                playback.StepBack();
                return true;
            case "Home":
                playback.Restart();
                return true;
            default:
                return false;
        }
    }
}
