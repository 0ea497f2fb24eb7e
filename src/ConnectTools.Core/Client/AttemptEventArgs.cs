using System;

namespace ConnectTools.Client
{
    /// <summary>What happened to one HTTP attempt of a Connect call.</summary>
    public sealed class AttemptEventArgs : EventArgs
    {
        public AttemptEventArgs(string operation, string? resourceId, int attempt, int statusCode, string? errorCode, TimeSpan elapsed, string? requestId)
        {
            Operation = operation;
            ResourceId = resourceId;
            Attempt = attempt;
            StatusCode = statusCode;
            ErrorCode = errorCode;
            Elapsed = elapsed;
            RequestId = requestId;
        }

        public string Operation { get; }
        public string? ResourceId { get; }
        /// <summary>1 for the first attempt, 2 for the first retry...</summary>
        public int Attempt { get; }
        /// <summary>The HTTP status, or 0 when no response arrived (connection failure, timeout, cancellation).</summary>
        public int StatusCode { get; }
        public string? ErrorCode { get; }
        public TimeSpan Elapsed { get; }
        public string? RequestId { get; }
        public bool Throttled => StatusCode == 429 || ErrorCode == "ThrottlingException" || ErrorCode == "TooManyRequestsException";
        public bool Succeeded => StatusCode >= 200 && StatusCode < 300 && ErrorCode == null;
    }
}
