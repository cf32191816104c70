namespace CommitLab.Web.Classroom;

/// <summary>The classroom database cannot be used at all; the message names the file and says what to do. The server does not start.</summary>
public sealed class ClassroomStoreException(string message, Exception? inner = null) : Exception(message, inner);
