namespace CommitLab.Web.Lab.Network;

/// <summary>
/// What lab.js's <c>commitLab.watchPhone</c> answers a network drawing: a handle to stop watching
/// with, and whether the screen is phone-sized now (see <see cref="PhoneLayout"/>).
/// </summary>
public sealed record PhoneWatch(int Id, bool Phone);
