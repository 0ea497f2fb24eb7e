namespace ConnectTools
{
    /// <summary>What a Connect ARN names.</summary>
    public enum ConnectArnKind
    {
        Instance,
        User,
    }
}
