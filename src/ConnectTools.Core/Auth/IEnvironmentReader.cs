namespace ConnectTools.Auth
{
    /// <summary>Where environment variables are read from: the process by default, a dictionary in tests.</summary>
    public interface IEnvironmentReader
    {
        string? Get(string name);
    }
}
