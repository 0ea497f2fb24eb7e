using System;

namespace ConnectTools.Enumeration
{
    /// <summary>One result, in enumeration order: a value, or the error for that one id.</summary>
    public readonly struct ListingResult<T>
    {
        internal ListingResult(string id, T? value, Exception? error)
        {
            Id = id;
            Value = value;
            Error = error;
        }

        public string Id { get; }
        public T? Value { get; }
        public Exception? Error { get; }
    }
}
