namespace Retrain.Engine.Evaluation;

/// <summary>Argument checks shared by the evaluation entry points: same lengths, finite values.</summary>
internal static class EvaluationInput
{
    public static RetrainException Invalid(string errorId, string message, string target) =>
        new(errorId, RetrainErrorKind.InvalidArgument, message, target);

    public static void NotEmpty(int length, string name)
    {
        if (length == 0)
            throw Invalid("EvaluationEmptyInput", $"'{name}' is empty: there are no rows to evaluate.", name);
    }

    public static void SameLength(int expected, string expectedName, int actual, string actualName)
    {
        if (actual != expected)
            throw Invalid("EvaluationLengthMismatch",
                $"'{actualName}' has {actual} values but '{expectedName}' has {expected}: they must hold one value per row.", actualName);
    }

    public static void Finite(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw Invalid("EvaluationNonFiniteValue",
                    $"'{name}' holds {values[i]} at index {i}: every value must be a finite number.", name);
    }
}
