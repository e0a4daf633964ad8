package io.calsync.contracts;

/** An event field that breaks the contract. The message always names the field. */
public final class ContractViolation extends IllegalArgumentException {

    private final String field;

    public ContractViolation(String field, String problem) {
        super("field '" + field + "': " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
