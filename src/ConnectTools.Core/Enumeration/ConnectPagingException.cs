using System;

namespace ConnectTools.Enumeration
{
    /// <summary>A listing stopped because the service's paging went wrong (a repeated NextToken).</summary>
    public sealed class ConnectPagingException : Exception
    {
        public ConnectPagingException(string message) : base(message) { }
    }
}
