namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// One sentence or two of the running account of a run, tied to the trace entry it tells about so the
/// view can jump there. <see cref="Text"/> is plain text (no markup): it goes into an ARIA live region.
/// </summary>
/// <param name="Tick">When it happened (1 tick reads as 1 ms).</param>
/// <param name="TraceIndex">The trace entry it describes (the first one, when it sums up several).</param>
/// <param name="WhatHappened">
/// The line cut down to what happened, without why it matters or what it leads to; null when the
/// whole line is already just that. Shown instead of <see cref="Text"/> while a question is open.
/// </param>
public sealed record NarrationLine(long Tick, int TraceIndex, string Text, NarrationTone Tone, string? WhatHappened = null)
{
    /// <summary>Only what happened: the line as it may be shown while a question about the run is open.</summary>
    public string Fact => WhatHappened ?? Text;

    /// <summary>The time as students read it, e.g. "135 ms".</summary>
    public string Time => Prose.Ms(Tick);
}
