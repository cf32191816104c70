namespace CommitLab.Web.Classroom;

/// <summary>Addresses of a room's pages (relative to the app's base).</summary>
public static class RoomLinks
{
    /// <summary>The instructor's private link: whoever holds it drives the room.</summary>
    public static string Console(string roomId, string token) => $"classroom/{Uri.EscapeDataString(roomId)}/console?key={Uri.EscapeDataString(token)}";

    public static string Join(string code) => $"join?code={code}";

    public static string Student(string code, string studentId) => $"classroom/{code}?student={Uri.EscapeDataString(studentId)}";
}
