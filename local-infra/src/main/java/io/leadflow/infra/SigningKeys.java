package io.leadflow.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The local stack's token signing key pair: {@code jwt-private.key} (PKCS#8) and {@code jwt-public.key} (X.509),
 * each the base64 of the key on one line, readable by their owner only. An existing pair is kept: deleting both
 * files and starting again rotates the key (every session then signs in again).
 */
public final class SigningKeys {

    private SigningKeys() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length != 1) {
            System.err.println("usage: SigningKeys DIRECTORY");
            System.exit(2);
        }
        System.out.println(create(Path.of(args[0])) ? "created" : "kept");
    }

    /** Writes a new pair into {@code directory} unless one is there; whether it wrote one. */
    static boolean create(Path directory) throws IOException, GeneralSecurityException {
        Path privateKey = directory.resolve("jwt-private.key");
        Path publicKey = directory.resolve("jwt-public.key");
        if (Files.exists(privateKey) && Files.exists(publicKey)) {
            return false;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        write(privateKey, pair.getPrivate().getEncoded());
        write(publicKey, pair.getPublic().getEncoded());
        return true;
    }

    private static void write(Path file, byte[] key) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.WRITE);
    }
}
