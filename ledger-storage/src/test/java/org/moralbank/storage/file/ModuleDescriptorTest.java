package org.moralbank.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins what module org.moralbank.storage exports: the API packages and nothing else. */
class ModuleDescriptorTest {
  @Test
  void module_exportsOnlyTheStorePackages() throws IOException, URISyntaxException {
    Path classes = Path.of(
        FileJournalStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ModuleDescriptor module;
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      module = ModuleDescriptor.read(in);
    }
    assertEquals("org.moralbank.storage", module.name());
    Set<String> exports = module.exports().stream()
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toSet());
    assertEquals(Set.of("org.moralbank.storage.file", "org.moralbank.storage.jdbc"), exports);
    assertTrue(module.requires().stream().anyMatch(r -> r.name().equals("org.moralbank.ledger")
        && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));
  }
}
