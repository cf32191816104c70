namespace CommitLab.Web.Classroom;

public enum PollStatus
{
    Open,
    Revealed,
    Closed,
}
