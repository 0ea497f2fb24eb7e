using System;

namespace ConnectTools
{
    /// <summary>
    /// What the identity parameters share: the value as given, parsed once when PowerShell binds it. Unusable text is
    /// kept with its one input error (<see cref="Error"/>), which the cmdlet writes for that value alone, so one bad
    /// value among good ones does not stop the others.
    /// </summary>
    public abstract class ConnectIdentity
    {
        private protected ConnectIdentity(string? value)
        {
            Text = value ?? "";
        }

        /// <summary>What was given (the id, or the ARN).</summary>
        public string Text { get; private protected set; }

        /// <summary>The ARN given, or null for a plain id.</summary>
        public ConnectArn? Arn { get; private set; }

        /// <summary>The Region the value carries (from its ARN, or the Region of the piped object), or null.</summary>
        public string? Region { get; private protected set; }

        /// <summary>Where <see cref="Region"/> came from, for -Verbose.</summary>
        public string? RegionSource { get; private protected set; }

        /// <summary>Why the value cannot be used, or null.</summary>
        public ConnectInputException? Error { get; private set; }

        /// <summary>Throws the value's input error, if any.</summary>
        public void ThrowIfInvalid()
        {
            if (Error != null) throw Error;
        }

        public override string ToString() => Text;

        /// <summary>
        /// The value came from an output object (<paramref name="what"/>, for -Verbose): it shows as the object's id,
        /// and its Region is the object's Region property, else its ARN's.
        /// </summary>
        private protected void TakeFromObject(string? id, string? region, string what)
        {
            Text = id ?? Text;
            if (Region == null && !string.IsNullOrEmpty(region))
            {
                Region = region;
                RegionSource = "the Region property of " + what;
            }
            else if (Arn != null) RegionSource = "the Arn of " + what;
        }

        /// <summary>
        /// Runs the parse of <see cref="Text"/> for -<paramref name="parameterName"/>: it returns the ARN (or null); the
        /// Region is the ARN's. An input error is kept, not thrown.
        /// </summary>
        private protected void Parse(Func<ConnectArn?> parse, string parameterName)
        {
            try
            {
                Arn = parse();
                Region = Arn?.Region;
                RegionSource = Arn == null ? null : "the ARN given to -" + parameterName;
            }
            catch (ConnectInputException e)
            {
                Error = e;
            }
        }
    }
}
