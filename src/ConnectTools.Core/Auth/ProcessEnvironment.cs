using System;

namespace ConnectTools.Auth
{
    /// <summary>The process's environment variables (an empty value reads as unset).</summary>
    public sealed class ProcessEnvironment : IEnvironmentReader
    {
        public static readonly ProcessEnvironment Instance = new ProcessEnvironment();

        private ProcessEnvironment() { }

        public string? Get(string name)
        {
            string? v = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrEmpty(v) ? null : v;
        }
    }
}
