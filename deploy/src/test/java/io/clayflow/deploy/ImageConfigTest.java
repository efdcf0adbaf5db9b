package io.clayflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The image configuration each module gives Jib under {@code -Pimages} (main class, exposed ports) and the one the
 * parent gives them all (user, JVM flags), checked against the code on every {@code mvn verify}, without building an
 * image. {@link ImageTarballsIT} reads the same back from the tarballs once {@code mvn -Pimages package} made them.
 */
class ImageConfigTest {

    static List<ImageTarballsIT.Expected> images() throws IOException {
        return ImageTarballsIT.images();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void eachModulesImageRunsItsAppOnItsPorts(ImageTarballsIT.Expected expected) throws Exception {
        Element container = imagesContainer(Manifests.ROOT.resolve(expected.module()).resolve("pom.xml"));

        assertThat(text(container, "mainClass")).as("main class").isEqualTo(expected.mainClass());
        Set<Integer> ports = new TreeSet<>();
        texts(container, "port").forEach(port -> ports.add(Integer.parseInt(port)));
        assertThat(ports).as("exposed ports, the app's defaults").isEqualTo(expected.ports());
    }

    @Test
    void everyImageRunsAsTheNonRootUserWithAHeapSizedByTheContainer() throws Exception {
        Element container = imagesContainer(Manifests.ROOT.resolve("pom.xml"));

        assertThat(text(container, "user")).isEqualTo("10001:10001");
        assertThat(texts(container, "jvmFlag")).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
    }

    /** The {@code <container>} of the Jib plugin in the pom's {@code images} profile. */
    private static Element imagesContainer(Path pom) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList profiles = document.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if ("images".equals(text(profile, "id"))) {
                NodeList containers = profile.getElementsByTagName("container");
                assertThat(containers.getLength()).as("a Jib <container> in the images profile of " + pom)
                        .isEqualTo(1);
                return (Element) containers.item(0);
            }
        }
        throw new AssertionError("no images profile in " + pom);
    }

    private static String text(Element parent, String tag) {
        List<String> all = texts(parent, tag);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<String> texts(Element parent, String tag) {
        List<String> values = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            values.add(node.getTextContent().trim());
        }
        return values;
    }
}
