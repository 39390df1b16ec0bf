package org.consultationtracker.eventstore.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A master key kept in a file of its own: base64 of 32 bytes on one line. The current key's file is made on first
 * start when absent — the directory 0700, the file 0600 — and a file that group or others can use is refused, since
 * whoever reads it reads every encrypted value.
 *
 * <p>Two processes starting at once (both services under {@code ./run}) must end with one key. The new key is written
 * to a private temporary file and then hard-linked to its name: {@code link(2)} fails when the name exists, so exactly
 * one process publishes its key, complete, and every other one reads that. (A rename would not do: on POSIX it
 * silently replaces an existing file, even with {@code ATOMIC_MOVE}.)
 */
public final class MasterKeyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private MasterKeyFile() {
    }

    /** The key in the file, made first when the file does not exist. */
    public static LocalMasterKey loadOrCreate(Path file) {
        Optional<LocalMasterKey> existing = load(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        create(file);
        return load(file).orElseThrow(() -> new MasterKeyException("the master key file " + file
                                                                   + " vanished while it was being made"));
    }

    /** The key in the file, or empty when there is no such file (a previous key is only ever read, never made). */
    public static Optional<LocalMasterKey> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        refuseLoosePermissions(file);
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            return Optional.of(LocalMasterKey.fromBase64(text, "the file " + file));
        } catch (IOException e) {
            throw new MasterKeyException("cannot read the master key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileAttributeView(directory.getRoot(), PosixFileAttributeView.class) != null;
        try {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
            FileAttribute<?>[] ownerOnly = posix
                    ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                    : new FileAttribute<?>[0];
            Path temporary = Files.createTempFile(directory, ".master.key.", ".new", ownerOnly);
            try {
                Files.writeString(temporary, Base64.getEncoder().encodeToString(LocalMasterKey.generate()) + "\n",
                                  StandardCharsets.US_ASCII);
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException lostTheRace) {
                // Another process published its key first: that one is the key.
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new MasterKeyException("cannot create the master key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void refuseLoosePermissions(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system: its own access control applies
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                throw new MasterKeyException("the master key file " + file + " is open to group or others ("
                                             + PosixFilePermissions.toString(permissions)
                                             + "); it must be readable by its owner only: chmod 600 " + file);
            }
        } catch (IOException e) {
            throw new MasterKeyException("cannot read the permissions of the master key file " + file, e);
        }
    }
}
