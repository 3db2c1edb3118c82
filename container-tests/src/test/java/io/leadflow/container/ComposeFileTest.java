package io.leadflow.container;

import io.leadflow.testinfra.stack.LeadflowStack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml against what it promises its users, without a container engine: the keys and image names. */
class ComposeFileTest {

    private static final Path ROOT = LeadflowStack.repositoryRoot();
    private static final Pattern COMPOSE_KEY = Pattern.compile("\\$\\{([A-Z0-9_]+)");
    private static final Pattern ENV_EXAMPLE_KEY = Pattern.compile("(?m)^#?([A-Z0-9_]+)=");
    private static final Pattern REQUIRED_COMPOSE_KEY = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?");
    private static final Pattern VERSION_DEFAULT = Pattern.compile("\\$\\{LEADFLOW_VERSION:-([^}]+)}");

    @Test
    void everyKeyTheComposeFileReads_isDocumentedInEnvExample() throws IOException {
        assertThat(captures(ENV_EXAMPLE_KEY, read(".env.example")))
                .containsAll(captures(COMPOSE_KEY, read("docker-compose.yml")));
    }

    @Test
    void everyKeyComposeCannotStartWithout_isNamedInTheReadmesComposeSection() throws IOException {
        String readme = read("README.md");
        String section = readme.substring(readme.indexOf("## Deploy with Docker Compose"), readme.indexOf("## Deploy to Kubernetes"));
        Set<String> required = captures(REQUIRED_COMPOSE_KEY, read("docker-compose.yml"));

        assertThat(required).contains("POSTGRES_PASSWORD", "LEADFLOW_JWT_PUBLIC_KEY", "LEADFLOW_JWT_PRIVATE_KEY");
        assertThat(required).allMatch(key -> section.contains("`" + key + "`"), "named in the README's compose section");
    }

    @Test
    void theLeadflowImagesDefaultTag_isTheProjectVersion_asMavenTagsThem() throws IOException {
        String version = System.getProperty("leadflow.version");
        assertThat(captures(VERSION_DEFAULT, read("docker-compose.yml"))).containsExactly(version);
        assertThat(read(".env.example")).contains("#LEADFLOW_VERSION=" + version + "\n");
    }

    /** Every distinct first group the pattern finds in the text. */
    private static Set<String> captures(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }
}
