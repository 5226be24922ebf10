package dev.mitm4j.testkit.pathod;

/** The features that requests and responses share: headers and the three actions. */
final class Features {
    private Features() {}

    static Header header(SpecParser p) {
        Value name = p.value();
        p.expect('=');
        return new Header(name, p.value());
    }

    static Action action(SpecParser p, char feature, int at) {
        return switch (feature) {
            case 'p' -> {
                Offset offset = p.offset();
                p.expect(',');
                yield new Action.Pause(offset, p.seconds());
            }
            case 'i' -> {
                Offset offset = p.offset();
                p.expect(',');
                yield new Action.Inject(offset, p.value());
            }
            case 'd' -> new Action.Disconnect(p.offset());
            default -> throw p.errorAt("unknown feature '" + feature + "'", at);
        };
    }
}
