namespace StorageBench;

internal sealed record Measurement(long Operations, double Seconds, long Conflicts = 0)
{
    public double Rate => Operations / Seconds;
}
