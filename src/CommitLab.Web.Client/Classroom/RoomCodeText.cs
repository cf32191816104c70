namespace CommitLab.Web.Classroom;

/// <summary>How a room's join code reads on a page; here so the student page shows it the same way in the browser.</summary>
public static class RoomCodeText
{
    /// <summary>Characters in a join code.</summary>
    public const int Length = 6;

    /// <summary>How a code is shown: two groups of three, easier to read aloud and to copy.</summary>
    public static string Display(string code) => code.Length == Length ? $"{code[..3]}-{code[3..]}" : code;
}
