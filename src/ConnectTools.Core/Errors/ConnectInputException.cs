using System;

namespace ConnectTools
{
    /// <summary>Input that cannot be right, found before any network call. The message names the input and the fix.</summary>
    public sealed class ConnectInputException : ArgumentException
    {
        public ConnectInputException(string parameterName, string message)
            : base(message, parameterName)
        {
            Reason = message;
        }

        /// <summary>The message alone, without the parameter suffix ArgumentException appends.</summary>
        public string Reason { get; }

        public override string Message => Reason + " (parameter -" + ParamName + ")";
    }
}
