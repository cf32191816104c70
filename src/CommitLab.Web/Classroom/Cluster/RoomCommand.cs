using CommitLab.Engine.Faults;
using CommitLab.Web.Hosting;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Classroom.Cluster;

public enum RoomCommandKind
{
    Play,
    Pause,
    Step,
    Restart,
    SetSpeed,
    Seek,
    Inject,
    CrashLeader,
    DropNextMessage,
    LoadScenario,
}

/// <summary>
/// An instructor action as it travels to the room's grain: the console method to call and its
/// argument (a fault in the scenario-file form, a scenario name, a speed or a tick), with the
/// caller's action id so the update it causes can be timed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoomCommand(
    [property: Id(0)] RoomCommandKind Kind,
    [property: Id(1)] string? ActionId = null,
    [property: Id(2)] string? Text = null,
    [property: Id(3)] double Number = 0)
{
    /// <summary>Runs the action on the room's console. Throws <see cref="ArgumentException"/> for bad input (the run is left as it was). True when a step found an event.</summary>
    public bool ApplyTo(InstructorConsole console, ScenarioLibrary library)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(library);
        switch (Kind)
        {
            case RoomCommandKind.Play: console.Play(ActionId); return true;
            case RoomCommandKind.Pause: console.Pause(ActionId); return true;
            case RoomCommandKind.Step: return console.StepEvent(ActionId);
            case RoomCommandKind.Restart: console.Restart(ActionId); return true;
            case RoomCommandKind.SetSpeed: console.SetSpeed(Number, ActionId); return true;
            case RoomCommandKind.Seek: console.SeekTick((long)Number, ActionId); return true;
            case RoomCommandKind.CrashLeader: console.CrashLeader(ActionId); return true;
            case RoomCommandKind.DropNextMessage: console.DropNextMessage(ActionId); return true;
            case RoomCommandKind.Inject:
                if (!FaultText.TryParseAction(Text ?? "", out var action, out var error) || action is null)
                {
                    throw new ArgumentException($"not a fault: {error}");
                }

                console.Inject(action, ActionId);
                return true;
            case RoomCommandKind.LoadScenario:
                var found = (Text is { Length: <= 200 } ? library.Find(Text) : null)
                    ?? throw new ArgumentException($"there is no scenario called {LogText.Safe(Text)}");
                console.Load(found.Scenario, found.Name, ActionId);
                return true;
            default:
                throw new ArgumentException($"unknown instructor action {Kind}");
        }
    }
}

/// <summary>The grain's answer to a command: done (for a step: whether there was an event), or the reason it was refused; and the run after it.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomCommandReply(
    [property: Id(0)] bool Done,
    [property: Id(1)] string? Error,
    [property: Id(2)] Hub.RoomUpdate? State);
