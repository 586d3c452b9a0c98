namespace RecoveryBot.Core.Commands;

/// <summary>The approver's decisions: change requests and sign-offs.</summary>
internal static class DecisionParsers
{
    public static ParseResult Approve(Args a) =>
        a.Change("approve CR-3") is { } change ? a.Done(new ApproveCommand(change)) : a.Failed;

    public static ParseResult Reject(Args a)
    {
        const string Example = "reject CR-3 the plan has no retest dates";
        return a.Change(Example) is { } change && a.Text(TextField.Reason, Example) is { } reason
            ? a.Result(new RejectCommand(change, reason))
            : a.Failed;
    }

    /// <summary><c>signoff</c> alone posts the batch card; <c>signoff G-7</c> closes one verified item.</summary>
    public static ParseResult SignOff(Args a)
    {
        if (a.AtEnd) return a.Result(new SignOffCommand(null));
        return a.Gap("signoff G-7") is { } gap ? a.Done(new SignOffCommand(gap)) : a.Failed;
    }
}
