package org.wikifarm.page;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.TenantId;

/**
 * Small versions of attached images, made once and kept in memory up to a byte cap ({@code thumbnailCacheBytes}),
 * least recently used first out; keyed by wiki, blob id (the bytes) and width, so a changed file gets a new
 * thumbnail and one wiki never reads another's. Decoding is bounded: the image's width and height are read from its
 * header first (ImageIO's readers give them without decoding the pixels), an image over {@code maxImagePixels} is
 * refused, and a large image is decoded with subsampling, so no more pixels than about four times the thumbnail's
 * are ever held.
 */
public final class Thumbnails {
    /** The widest thumbnail one may ask for. */
    public static final int MAX_WIDTH = 1024;

    /** A thumbnail: its bytes and MIME type. */
    public record Thumbnail(byte[] content, String mime) {
    }

    private record Key(TenantId wiki, String blob, int width) {
    }

    private final long maxPixels;
    private final long capBytes;
    private final LinkedHashMap<Key, Thumbnail> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;
    private long hits;
    private long misses;

    public Thumbnails(long maxPixels, long capBytes) {
        this.maxPixels = maxPixels;
        this.capBytes = capBytes;
    }

    /** A kept thumbnail, or null. */
    synchronized Thumbnail cached(TenantId wiki, String blob, int width) {
        Thumbnail found = cache.get(new Key(wiki, blob, width));
        if (found == null) {
            misses++;
        } else {
            hits++;
        }
        return found;
    }

    /** Makes (and keeps) the thumbnail of {@code content}, an image of type {@code type}. */
    Thumbnail make(TenantId wiki, String blob, int width, byte[] content, ContentTypes.Detected type) {
        Thumbnail made = scale(content, type, width);
        synchronized (this) {
            if (made.content().length <= capBytes && cache.putIfAbsent(new Key(wiki, blob, width), made) == null) {
                cachedBytes += made.content().length;
                Iterator<Map.Entry<Key, Thumbnail>> oldest = cache.entrySet().iterator();
                while (cachedBytes > capBytes && oldest.hasNext()) {
                    cachedBytes -= oldest.next().getValue().content().length;
                    oldest.remove();
                }
            }
        }
        return made;
    }

    /** Bytes kept now, hits and misses since start (the admin's health figures, benchmarks). */
    public synchronized long[] figures() {
        return new long[] {cachedBytes, hits, misses};
    }

    static int checkWidth(int width) {
        if (width < 1 || width > MAX_WIDTH) {
            throw new WikifarmException.InvalidInput("invalid_thumbnail", "A thumbnail may be 1 to " + MAX_WIDTH
                    + " pixels wide.");
        }
        return width;
    }

    private Thumbnail scale(byte[] content, ContentTypes.Detected type, int width) {
        if (!type.image()) {
            throw new WikifarmException.InvalidInput("not_an_image", "Only images (PNG, JPEG, GIF, BMP) have"
                    + " thumbnails; this file is " + type.mime() + ".");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new WikifarmException.InvalidInput("not_an_image", "This image (" + type.mime()
                        + ") cannot be read to make a thumbnail.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w < 1 || h < 1 || w * h > maxPixels) {
                    throw new WikifarmException.TooLarge(String.format(Locale.ROOT, "The image is %,d × %,d pixels;"
                            + " thumbnails are made of images of at most %,d pixels.", w, h, maxPixels));
                }
                int target = (int) Math.min(width, w);
                int targetHeight = (int) Math.max(1, Math.round((double) h * target / w));
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.max(1, w / (2L * target));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage source = reader.read(0, param);
                boolean jpeg = type.mime().equals("image/jpeg");
                BufferedImage small = new BufferedImage(target, targetHeight,
                        jpeg ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = small.createGraphics();
                try {
                    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    g.drawImage(source, 0, 0, target, targetHeight, null);
                } finally {
                    g.dispose();
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(small, jpeg ? "jpeg" : "png", out);
                return new Thumbnail(out.toByteArray(), jpeg ? "image/jpeg" : "image/png");
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException broken) {
            if (broken instanceof WikifarmException refused) {
                throw refused;
            }
            throw new WikifarmException.InvalidInput("broken_image", "This image cannot be read (it may be"
                    + " truncated or damaged), so it has no thumbnail.");
        }
    }
}
