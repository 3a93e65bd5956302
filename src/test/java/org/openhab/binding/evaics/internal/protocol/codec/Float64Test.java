/*
 * Copyright (c) 2010-2026 Contributors to the openHAB project
 *
 * See the NOTICE file(s) distributed with this work for additional
 * information.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License 2.0 which is available at
 * http://www.eclipse.org/legal/epl-2.0
 *
 * SPDX-License-Identifier: EPL-2.0
 */
package org.openhab.binding.evaics.internal.protocol.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

import com.google.gson.Gson;
import com.google.gson.JsonPrimitive;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Python {@code repr()} of floats, which EVA's JSON encoder uses (protocol.md §5: responses must match EVA's JSON
 * text).
 *
 * @author EVA ICS binding contributors - Initial contribution
 */
@NonNullByDefault
class Float64Test {

    /** Bits of a double and Python 3's {@code repr()} of it (generated with CPython 3.11). */
    private static final String[][] PYTHON_REPR = {
            { "0000000000000000", "0.0" },
            { "8000000000000000", "-0.0" },
            { "3ff0000000000000", "1.0" },
            { "bff0000000000000", "-1.0" },
            { "3fb999999999999a", "0.1" },
            { "3fe0000000000000", "0.5" },
            { "4059000000000000", "100.0" },
            { "430c6bf526340000", "1000000000000000.0" },
            { "4341c37937e08000", "1e+16" },
            { "4376345785d8a000", "1e+17" },
            { "43118b54f22aeb03", "1234567890123456.8" },
            { "437b69b4ba630f35", "1.2345678901234568e+17" },
            { "3f1a36e2eb1c432d", "0.0001" },
            { "3ee4f8b588e368f1", "1e-05" },
            { "3e8421f5f40d8376", "1.5e-07" },
            { "0000000000000001", "5e-324" },
            { "0010000000000000", "2.2250738585072014e-308" },
            { "000fffffffffffff", "2.225073858507201e-308" },
            { "7fefffffffffffff", "1.7976931348623157e+308" },
            { "41d954fc40488f75", "1700000001.133756" },
            { "41d954fc42c7e6b4", "1700000011.123456" },
            { "3f85182a9930be0e", "0.0103" },
            { "4340000000000000", "9007199254740992.0" },
            { "4340000000000001", "9007199254740994.0" },
            { "0000000000000003", "1.5e-323" },
            { "4480f0cf064dd592", "1e+22" },
            { "44b52d02c7e14af6", "1e+23" },
            { "44c52d02c7e14af6", "2e+23" },
            { "447c7e83209e90b2", "8.41e+21" },
            { "00005c0ab9347ed7", "5e-310" },
            { "0000000000000370", "4.35e-321" },
            { "400921f9f01b866e", "3.14159" },
            { "3eb0000000000000", "9.5367431640625e-07" },
            { "3fd5555555555555", "0.3333333333333333" },
            { "3fe5555555555555", "0.6666666666666666" },
            { "41b1de784a000000", "299792458.0" },
            { "7e37e43c8800759c", "1e+300" },
            { "befa36e2eb1c432d", "-2.5e-05" },
            { "405edd2f1a9fbe77", "123.456" },
            { "43b0000000000000", "1.152921504606847e+18" },
            { "0018000000000000", "3.337610787760802e-308" },
            { "f2a74de452e6b438", "-1.989032661366619e+244" },
            { "6513270e269e0d37", "7.761117632285041e+178" },
            { "0c5c7fd0a6a3a450", "3.980498358697587e-249" },
            { "d23f0824128b2f33", "-1.5432835417340557e+88" },
            { "1818e811892f902b", "1.3647584518757569e-192" },
            { "9531985d5d9dc9f8", "-1.3701135617873088e-206" },
            { "e8e25d940ed90475", "-1.7160537630466207e+197" },
            { "36f675cc81e74ef5", "6.294675241195386e-44" },
            { "1600a35a099950d8", "1.0613447212142254e-202" },
            { "6b0d549b6f03675a", "4.708325160387546e+207" },
            { "3d9c172411e20b8f", "6.387016158513563e-12" },
            { "8d116ece1738f7d9", "-9.973130378568733e-246" },
            { "0f21ddb66cad4a26", "8.779753225680271e-236" },
            { "90c192cfd3ac94af", "-5.795503248498993e-228" },
            { "f28c105d1fb17c23", "-5.988180159386011e+243" },
            { "a170b33839263059", "-1.306052388527796e-147" },
            { "953f48f1a09f76b5", "-2.436117699484841e-206" },
            { "0fd630f1f29d0da9", "2.233386999150174e-232" },
            { "95e60af593bd04cf", "-3.51527970626667e-203" },
            { "0cb1e29c658cda14", "1.5987381841032883e-247" },
            { "3898d190f9ebdacc", "4.6678633181812096e-36" },
            { "8e81973e0becd7b0", "-8.441872792105456e-239" },
            { "2217beaddbc496cb", "1.9015657400796622e-144" },
            { "6b4cb2424a23d596", "7.370437700706684e+208" },
            { "8a6a63ec24ede6a4", "-1.7163996725272777e-258" },
            { "922766581e27a1c0", "-3.2367190832119987e-221" },
            { "8f6d05584ef8aa38", "-2.2818334634712625e-234" },
            { "ae97ba94d0eda82f", "-3.0536383926309363e-84" },
            { "1a61dbe22e44158b", "1.3449551894627777e-181" },
            { "923a736994e3bf91", "-7.317495976062606e-221" },
            { "301850c5a38fd547", "5.249822308814304e-77" },
            { "18f135d25f557203", "1.5450754142984396e-188" },
            { "b64ce4228c38fb29", "-3.953625698224792e-47" },
            { "907a70c31012f037", "-2.72491267476498e-229" },
            { "9e7769b10f4205b4", "-6.505141861548772e-162" },
            { "7f15052434b9b5df", "1.441484839555994e+304" },
            { "881ed162ae2eb154", "-1.4583679262758548e-269" },
            { "c6f877186d76b07e", "-7.939416668807721e+33" },
            { "7731af10506bf2ef", "1.4255183989699612e+266" },
            { "ec66a78795e761d1", "-1.525315701232403e+214" },
            { "41d9314492d18bc2", "1690636875.2741551" },
            { "3fd32f61e9fcc712", "0.29976699686368236" },
            { "4088d308c1cdd912", "794.3792759019727" },
            { "41d9ecce59afbd0f", "1739798886.7459142" },
            { "3fcf3e8df14f4730", "0.24409651072215288" },
            { "4081f362e3145dcd", "574.4232846823812" },
            { "41d968357130c95d", "1705039300.7622902" },
            { "3fec0120595fb817", "0.8751374955734289" },
            { "4086cb8f660f987b", "729.445018884507" },
            { "41d8b331d83e982a", "1657587552.9780374" },
            { "3fef5d97a44af52b", "0.9801748474925821" },
            { "405d842742e5cd7a", "118.06489632074036" },
            { "41d916849d16d9d5", "1683624564.3570454" },
            { "3fe83a7f9d5e43e0", "0.7571409295652494" },
            { "4062ff7a5c6a3e9a", "151.98368664503943" },
            { "41d94c909b06171f", "1697792620.0951612" },
            { "3fa412f93d91b870", "0.03920725704743766" },
            { "4084e1b9650a4e7a", "668.2155247502517" },
            { "41da1ed63f4f8625", "1752914173.2425625" },
            { "3fe2563a7f28084d", "0.573025940277384" },
            { "408b5bd24db944a6", "875.4776873087001" },
            { "41d8c6e2cfa474a5", "1662749502.5696194" },
            { "3fe63fdc11669529", "0.6952953662736593" },
            { "408292f4ad75ebda", "594.3694714748956" },
            { "41d991f0c836d0df", "1715979040.8564985" },
            { "3fdd3277d88cd396", "0.45620533130141305" },
            { "408a3fbdafce6f61", "839.9676204803219" },
            { "41daa84006c161b0", "1788936219.0215874" },
            { "3fde57a08d938aca", "0.47409833741964447" },
            { "4084c137076c45a4", "664.1518696268799" },
            { "41d805cd7f613e92", "1612133885.519444" },
            { "3fe6729f653d09b7", "0.7014920213044239" },
            { "408439072be061ff", "647.1285016565233" },
            { "41dacd300cf92c44", "1798619187.8933268" },
            { "3fea4d3535c8560d", "0.8219247866097149" },
            { "4071c9845e8154be", "284.59481668968135" },
            { "41d8fdd9e41f5162", "1677158288.4893422" },
            { "3fe5659a61635558", "0.6686527158841882" },
            { "40368fdbfee87ef2", "22.561950618516626" },
            { "41d937c2dc50a313", "1692339057.2599533" },
            { "3fc5829bf9c65390", "0.16804837890654456" },
            { "405d461308025f34", "117.09491157752637" },
            { "41d8047e88f770d7", "1611790883.8662622" },
            { "3fe8955d5926548e", "0.7682329884725208" },
            { "40602adbf7618b60", "129.33935135890624" },
    };

    @Test
    void reprMatchesPython() {
        for (String[] row : PYTHON_REPR) {
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(row[0], 16));
            assertEquals(row[1], Float64.repr(d), row[0]);
        }
    }

    @Test
    void nonFiniteValuesAreWrittenLikePythonsJson() {
        assertEquals("NaN", Float64.repr(Double.NaN));
        assertEquals("Infinity", Float64.repr(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", Float64.repr(Double.NEGATIVE_INFINITY));
    }

    @Test
    void gsonShowsTheReprText() {
        JsonPrimitive p = new JsonPrimitive(Float64.of(1700000001.133756));
        assertEquals("1700000001.133756", p.getAsString());
        assertEquals("1700000001.133756", new Gson().toJson(p));
        assertEquals(1700000001.133756, p.getAsDouble());
        assertEquals(new BigDecimal("1700000001.133756"), p.getAsBigDecimal());
    }

    @Test
    void equalityFollowsTheBinaryValue() {
        assertEquals(Float64.of(0.1), Float64.of(0.1));
        assertEquals(Float64.of(0.1).hashCode(), Float64.of(0.1).hashCode());
        assertNotEquals(Float64.of(0.0), Float64.of(-0.0));
        assertEquals(Float64.of(Double.NaN), Float64.of(Double.NaN));
    }

    @Property(tries = 2000)
    void reprReadsBackExactlyAndIsNoLongerThanJavas(@ForAll double d) {
        if (!Double.isFinite(d)) {
            return;
        }
        String r = Float64.repr(d);
        assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(r)), r);
        assertTrue(significantDigits(r) <= significantDigits(Double.toString(d)), r + " vs " + d);
    }

    @Property(tries = 2000)
    void reprOfRandomBitPatternsReadsBack(@ForAll long bits) {
        double d = Double.longBitsToDouble(bits);
        if (Double.isFinite(d)) {
            assertEquals(bits, Double.doubleToRawLongBits(Double.parseDouble(Float64.repr(d))));
        }
    }

    private static int significantDigits(String s) {
        String mantissa = s.split("[eE]")[0].replace("-", "").replace(".", "");
        mantissa = mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "");
        return Math.max(1, mantissa.length());
    }
}
